import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import type { ScriptScope } from "./scope.js";

/** `apt-get install …`, `apk add …` and the like, up to the end of that command. */
const INSTALL = /\b(?:apt-get|apt|aptitude|apk)\s+(?:[^;&|\n]*?\s)?(?:install|add)\s([^;&|\n]*)/g;

/**
 * The stage installs one of `packages` (Debian's or Alpine's names): earlier, as recorded, or
 * anywhere in it or a stage it is built FROM, which the rules have not reached yet.
 */
export function installsAny(scope: ScriptScope, packages: ReadonlySet<string>): boolean {
  const { alpineInstalled, debianInstalled } = scope.stage;
  for (const p of packages) if (alpineInstalled.has(p) || debianInstalled.has(p)) return true;
  for (let s: Stage | undefined = scope.stage.info.stage; s; s = s.parent) {
    if (stageInstalls(s, packages)) return true;
  }
  return false;
}

/** Asked once per user or group the stage names: remembered, so a thousand users stay linear. */
const answers = new WeakMap<Stage, Map<ReadonlySet<string>, boolean>>();

function stageInstalls(stage: Stage, packages: ReadonlySet<string>): boolean {
  let known = answers.get(stage);
  if (!known) {
    known = new Map();
    answers.set(stage, known);
  }
  let answer = known.get(packages);
  if (answer === undefined) {
    answer = stage.body.some((ins) => runInstalls(ins, packages));
    known.set(packages, answer);
  }
  return answer;
}

function runInstalls(ins: Instruction, packages: ReadonlySet<string>): boolean {
  if (ins.keyword !== "RUN") return false;
  const text = ins.args.text.replace(/\\\r?\n/g, " ");
  for (const m of text.matchAll(INSTALL)) {
    const names = m[1]!.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, "").split(/[=:]/)[0]);
    if (names.some((n) => n !== undefined && packages.has(n))) return true;
  }
  return false;
}
