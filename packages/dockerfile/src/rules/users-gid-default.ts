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

function valueBefore(scope: ScriptScope, name: string): SetValue | undefined {
  const here = scope.instruction;
  // ARG is the stage's own; ENV goes on into the stages built FROM it.
  for (let s: Stage | undefined = scope.stage.info.stage; s; s = s.parent) {
    const own = s === scope.stage.info.stage;
    // An instruction outside the body (none expected) reads none of the stage's own.
    const end = own ? Math.max(s.body.indexOf(here), 0) : s.body.length;
    for (let k = end - 1; k >= 0; k--) {
      const ins = s.body[k]!;
      if (ins.keyword !== "ENV" && !(own && ins.keyword === "ARG")) continue;
      const found = assigned(scope, ins, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** What `ENV NAME=…`, legacy `ENV NAME …`, `ARG NAME=…` or `ARG NAME` gives `name`, if it names it. */
function assigned(scope: ScriptScope, ins: Instruction, name: string): SetValue | undefined {
  const words = splitWords(ins.args.text);
  const at = ins.start;
  if (ins.keyword === "ENV" && words[0]?.text === name && words.length > 1) {
    return {
      keyword: "ENV",
      value: unquotedValue(
        words
          .slice(1)
          .map((w) => w.text)
          .join(" "),
      ),
      at,
    };
  }
  let found: SetValue | undefined;
  for (const w of words) {
    const eq = w.text.indexOf("=");
    const key = eq === -1 ? w.text : w.text.slice(0, eq);
    if (key !== name) continue;
    if (eq !== -1) found = { keyword: ins.keyword, value: unquotedValue(w.text.slice(eq + 1)), at };
    else if (ins.keyword === "ARG") {
      // `ARG GID` in a stage takes the global ARG's default, if one was declared before FROM.
      const global = globalArg(scope.ctx.globalArgs, name);
      found = { keyword: "ARG", value: global?.value, at: global?.instruction.start ?? at };
    }
  }
  return found;
}

function unquotedValue(text: string): string {
  return /^(["'])(.*)\1$/s.exec(text)?.[2] ?? text;
}
