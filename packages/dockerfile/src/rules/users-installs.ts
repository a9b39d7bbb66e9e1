import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import type { ScriptScope } from "./scope.js";

// Followed by a blank, so that `aptitude` is not read as `apt`.
const MANAGER = /\b(?:apt-get|apt|aptitude|apk)(?=\s)/g;
const VERB = /(?<=\s)(?:install|add)\s/g;
const SEPARATOR = /[;&|\n]/g;
const BLANK = /\s/;

/**
 * The package lists of `apt-get install …`, `apk add …` and the like, each up to the end of its
 * command: group 1 of
 * `\b(?:apt-get|apt|aptitude|apk)\s+(?:[^;&|\n]*?\s)?(?:install|add)\s([^;&|\n]*)` under
 * matchAll. After the blanks that follow the manager, the optional group is tried first: the
 * first `install`/`add` after a later blank, with no `;`, `&`, `|` or line break before that
 * blank; else one right after the blanks. That expression looked for it to the command's end
 * from every manager word of a long line; here the next verb and separator are found once for
 * all of them.
 */
export function* installLists(text: string): Generator<string> {
  const managers = new RegExp(MANAGER.source, "g");
  const verbs = new RegExp(VERB.source, "g");
  const verbHere = new RegExp(VERB.source, "y");
  const separators = new RegExp(SEPARATOR.source, "g");
  let verb: RegExpExecArray | null | undefined;
  let stop = -1;
  const nextAt = (re: RegExp, from: number) => {
    re.lastIndex = from;
    return re.exec(text);
  };
  for (let m = managers.exec(text); m; m = managers.exec(text)) {
    // The manager's word ends where the blanks start: \b(?:apt-get|…)\s+.
    const end = m.index + m[0].length;
    let after = end;
    while (after < text.length && BLANK.test(text[after] as string)) after++;
    if (verb === undefined || (verb !== null && verb.index <= after))
      verb = nextAt(verbs, after + 1);
    if (stop < after) stop = nextAt(separators, after)?.index ?? text.length;
    // The blank before the verb may be the separator itself (a line break).
    let found = verb !== null && verb.index - 1 <= stop ? verb : null;
    if (!found) {
      verbHere.lastIndex = after;
      found = verbHere.exec(text);
    }
    if (!found) {
      managers.lastIndex = m.index + 1;
      continue;
    }
    const listStart = found.index + found[0].length;
    const listEnd = nextAt(separators, listStart)?.index ?? text.length;
    yield text.slice(listStart, listEnd);
    managers.lastIndex = listEnd;
  }
}

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
  for (const list of installLists(text)) {
    const names = list.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, "").split(/[=:]/)[0]);
    if (names.some((n) => n !== undefined && packages.has(n))) return true;
  }
  return false;
}
