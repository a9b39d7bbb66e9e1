import { globalArg } from "../global-args.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import type { ScriptScope } from "./scope.js";

/**
 * A GID word that is one variable: `$GID`, `${GID}`, `${GID:-27}`, `${GID-27}`, each also in
 * double quotes. Group 1 or 2 is the name, 3 the operator, 4 the default written in the word.
 */
const GID_VARIABLE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?:(:?-)(\d+))?\})$/;

/** The word without double quotes around all of it. */
function unquoted(word: string): string {
  return /^"(.*)"$/.exec(word)?.[1] ?? word;
}

/** The word is one variable a GID default may be read for (see GID_VARIABLE). */
export function isGidVariable(word: string): boolean {
  return GID_VARIABLE.test(unquoted(word));
}

/**
 * The number GID word `word` (`$GID`, `${GID:-27}`) stands for when the build keeps the
 * Dockerfile's defaults, as `prefix` to put before a warning written for that number ("${GID} is
 * 27 by default (ARG GID=27, line 2): "): the stage's last ARG/ENV before the instruction, an
 * `ARG GID` taking the global ARG's default, an ENV of a stage it is built FROM, else the word's
 * own default. Undefined where no number is known.
 */
export function gidDefault(
  scope: ScriptScope,
  word: string,
): { gid: string; prefix: string } | undefined {
  const bare = unquoted(word);
  const m = GID_VARIABLE.exec(bare);
  if (!m) return undefined;
  const name = (m[1] ?? m[2])!;
  const [op, inline] = [m[3], m[4]];
  const set = valueBefore(scope, name);
  if (set?.value === undefined || (set.value === "" && op === ":-")) {
    if (inline === undefined) return undefined;
    return { gid: inline, prefix: `${bare} is ${inline} unless ${name} is set: ` };
  }
  // `${GID-27}` with `ARG GID=` (empty): set, so empty, no number.
  if (!/^\d+$/.test(set.value)) return undefined;
  const line = `${set.keyword} ${name}=${set.value}, line ${scope.ctx.line(set.at)}`;
  const change = set.keyword === "ARG" ? "; a --build-arg may change it" : "";
  return { gid: set.value, prefix: `${bare} is ${set.value} by default (${line}${change}): ` };
}

/** A variable's value where the current instruction runs, and the instruction that gave it. */
interface SetValue {
  keyword: string;
  /** Undefined: declared (`ARG GID`) with no default, so unset unless the build gives one. */
  value: string | undefined;
  at: number;
}

/** A stage's ARG/ENV values, indexed once: a file of thousands of `chgrp $GID` lines asks each. */
interface StageVars {
  place: Map<Instruction, number>;
  /** `KEYWORD NAME` → where the stage's body sets it (body index) and to what, in order. */
  sets: Map<string, { k: number; set: SetValue }[]>;
}

const stageVars = new WeakMap<Stage, StageVars>();

function varsOf(scope: ScriptScope, stage: Stage): StageVars {
  let vars = stageVars.get(stage);
  if (vars) return vars;
  vars = { place: new Map(), sets: new Map() };
  for (const [k, ins] of stage.body.entries()) {
    vars.place.set(ins, k);
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
    for (const [name, set] of assignments(scope, ins)) {
      const key = `${ins.keyword} ${name}`;
      const list = vars.sets.get(key) ?? [];
      list.push({ k, set });
      vars.sets.set(key, list);
    }
  }
  stageVars.set(stage, vars);
  return vars;
}

function valueBefore(scope: ScriptScope, name: string): SetValue | undefined {
  const stage = scope.stage.info.stage;
  // An instruction outside the body (none expected) reads none of the stage's own.
  const end = varsOf(scope, stage).place.get(scope.instruction) ?? 0;
  // ENV overrides an ARG of the same name, wherever each is; ENV goes on into the stages built
  // FROM its stage, ARG does not.
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const found = lastSet(varsOf(scope, s), `ENV ${name}`, s === stage ? end : s.body.length);
    if (found !== undefined) return found;
  }
  return lastSet(varsOf(scope, stage), `ARG ${name}`, end);
}

/** The last setting of `key` before body index `end`. */
function lastSet(vars: StageVars, key: string, end: number): SetValue | undefined {
  const list = vars.sets.get(key) ?? [];
  let [lo, hi] = [0, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.k < end) lo = mid + 1;
    else hi = mid;
  }
  return list[lo - 1]?.set;
}

/** What `ENV NAME=…`, legacy `ENV NAME …`, `ARG NAME=…` or `ARG NAME` gives each name it names. */
function assignments(scope: ScriptScope, ins: Instruction): [string, SetValue][] {
  const words = splitWords(ins.args.text);
  const at = ins.start;
  const first = words[0]?.text;
  if (ins.keyword === "ENV" && first !== undefined && !first.includes("=")) {
    if (words.length < 2) return [];
    const value = unquotedValue(
      words
        .slice(1)
        .map((w) => w.text)
        .join(" "),
    );
    return [[first, { keyword: "ENV", value, at }]];
  }
  const out: [string, SetValue][] = [];
  for (const w of words) {
    const eq = w.text.indexOf("=");
    if (eq !== -1) {
      const value = unquotedValue(w.text.slice(eq + 1));
      out.push([w.text.slice(0, eq), { keyword: ins.keyword, value, at }]);
    } else if (ins.keyword === "ARG") {
      // `ARG GID` in a stage takes the global ARG's default, if one was declared before FROM.
      const global = globalArg(scope.ctx.globalArgs, w.text);
      out.push([
        w.text,
        { keyword: "ARG", value: global?.value, at: global?.instruction.start ?? at },
      ]);
    }
  }
  return out;
}

function unquotedValue(text: string): string {
  return /^(["'])(.*)\1$/s.exec(text)?.[2] ?? text;
}
