import type { MigrationContext } from "../migrate/context.js";
import { markChildShell } from "../shell/child-shells.js";
import { type Pipeline, type SimpleCommand, scriptOrUndefined } from "../shell/script.js";
import { offsetSource, type ShellSource } from "../shell/source.js";
import type { Word } from "../shell/tokens.js";
import { findExecs, unwrapped } from "./gnu-calls.js";
import type { StringShell } from "./string-shell.js";

export { snapshotStage } from "./stage-undo.js";

const SHELLS = new Set(["sh", "bash", "ash", "dash"]);
const SHELL_WORD = /^(?:.*\/)?(?:ba|a|da)?sh$/;

/**
 * Characters an edit may not write into the string: a single-quoted string ends at `'`; in a
 * double-quoted one the outer shell would expand `$`, `` ` `` and `\` before the inner shell runs.
 */
const FORBIDDEN: Readonly<Record<string, RegExp>> = { "'": /'/, '"': /["$`\\]/ };

/** A `sh -c '…'` string read as a script, with the outer command it belongs to. */
export interface NestedScript {
  src: ShellSource;
  word: Word;
  quote: "'" | '"';
  /** The outer pipeline, deleted when the inner script has nothing left to do. */
  pipeline: Pipeline;
  /** The outer pipeline runs only this shell, so it can go when the string empties. */
  alone: boolean;
  /** The shell that runs the string (`stringShell`). */
  shell: StringShell;
}

/** The shell a command hands its `-c` string to (`commandString`'s reading of the command). */
export function stringShell(cmd: SimpleCommand): StringShell {
  if (OPTION_C.has(cmd.name?.replace(/^.*\//, "") ?? "")) return "other";
  const name = (unwrapped(cmd) ?? cmd).name?.replace(/^.*\//, "") ?? "";
  return name === "sh" || name === "dash" ? name : "other";
}

/** Commands whose `-c STRING` runs the string with a shell: `su [USER] -c`, `flock FILE -c`. */
const OPTION_C = new Set(["su", "runuser", "flock"]);

/** The script word of `sh [options] -c SCRIPT …` (or `su -c`, `flock -c`), else undefined. */
export function commandString(cmd: SimpleCommand): Word | undefined {
  // Most commands name no shell at all: skip the wrapper walk for them.
  const shell = cmd.args.some((a) => a.value?.endsWith("sh") && SHELL_WORD.test(a.value));
  if (!shell && !cmd.args.some((a) => a.value === "-c" || a.value === "--command")) {
    return undefined;
  }
  // `flock FILE -c STR` is also a wrapper (`flock FILE CMD`): its own -c is looked at first.
  if (OPTION_C.has(cmd.name?.replace(/^.*\//, "") ?? "")) return optionString(cmd);
  const view = unwrapped(cmd) ?? cmd;
  const name = view.name?.replace(/^.*\//, "") ?? "";
  if (OPTION_C.has(name)) return optionString(view);
  if (!SHELLS.has(name)) return undefined;
  let sawC = false;
  for (let i = 1; i < view.args.length; i++) {
    const v = view.args[i]!.value;
    if (sawC) return view.args[i];
    if (v === undefined) return undefined;
    if (v === "-o" || v === "+o") i++;
    else if (/^--[a-z-]+$/.test(v)) continue;
    else if (/^[-+][A-Za-z]+$/.test(v)) sawC ||= v.startsWith("-") && v.includes("c");
    else return undefined;
  }
  return undefined;
}

/** The word after `-c`/`--command` before any `--`: what su or flock hands the shell. */
function optionString(view: SimpleCommand): Word | undefined {
  for (let i = 1; i < view.args.length; i++) {
    const v = view.args[i]!.value;
    if (v === "--") return undefined;
    if (v === "-c" || v === "--command") return view.args[i + 1];
  }
  return undefined;
}

/** The script words a command hands to a shell: its own `sh -c`, and `find -exec sh -c`'s. */
export function scriptWords(cmd: SimpleCommand): Word[] {
  return shellStrings(cmd).map((c) => c.word);
}

/** Each script word a command hands to a shell, with the shell that runs it. */
export function shellStrings(cmd: SimpleCommand): { word: Word; shell: StringShell }[] {
  const out: { word: Word; shell: StringShell }[] = [];
  for (const view of [cmd, ...findExecs(cmd)]) {
    const word = commandString(view);
    if (word) out.push({ word, shell: stringShell(view) });
  }
  return out;
}

/**
 * The quoted script of a shell call as a source whose offsets lead back to the file. Only strings
 * whose text reaches the inner shell unchanged qualify: single-quoted, or double-quoted with
 * nothing the outer shell would expand.
 */
export function nestedSource(parent: ShellSource, word: Word): ShellSource | undefined {
  const raw = word.raw;
  const quote = raw[0];
  if ((quote !== "'" && quote !== '"') || raw.length < 2 || raw.at(-1) !== quote) return undefined;
  const inner = raw.slice(1, -1);
  if (FORBIDDEN[quote]!.test(inner)) return undefined;
  // `sh -c` runs it in a shell of its own: an `exit 1` there ends only that one.
  const script = markChildShell(scriptOrUndefined(inner));
  if (!script) return undefined;
  return offsetSource(parent, script, word.start + 1);
}

/**
 * What `withNestedSources` keeps of a script: the sources it read, and past the budget only the
 * `sh -c` words whose strings are read again on each call.
 */
interface NestedEntry {
  sources: ShellSource[];
  unread: Word[];
}

// Several rules look at the same RUN scripts (parsed once per migration): read their strings
// once. Each read string is a parsed script (about 0.9 KB): one migration's entries keep at most
// NESTED_BUDGET of them, the rest are parsed again when asked for (a 4 MiB RUN of 200,000
// `sh -c` strings ran out of a 512 MiB heap with every one kept).
const nestedCache = new WeakMap<ShellSource, NestedEntry>();
const NESTED_BUDGET = 100_000;
let budget = NESTED_BUDGET;

/**
 * Starts a migration's count of kept strings (`migrateDockerfile`); `limit` for tests. The
 * entries of earlier migrations go with their parsed RUNs.
 */
export function resetNestedBudget(limit = NESTED_BUDGET): void {
  budget = limit;
}

/** A script and the `sh -c` strings in it that read as written, for rules that only look. */
export function withNestedSources(src: ShellSource): ShellSource[] {
  let entry = nestedCache.get(src);
  if (!entry) {
    entry = readNested(src);
    nestedCache.set(src, entry);
  }
  if (entry.unread.length === 0) return entry.sources;
  const out = entry.sources.slice();
  for (const word of entry.unread) pushNested(out, src, word, 2);
  return out;
}

/** Reads a script's strings into a cache entry, keeping as many as the budget allows. */
function readNested(src: ShellSource): NestedEntry {
  const entry: NestedEntry = { sources: [src], unread: [] };
  for (const word of nestedWords(src)) {
    if (budget <= 0) {
      entry.unread.push(word);
      continue;
    }
    const before = entry.sources.length;
    pushNested(entry.sources, src, word, 2);
    budget -= entry.sources.length - before;
  }
  return entry;
}

/** The words of a script's commands that hand a string to a shell. */
function* nestedWords(src: ShellSource): Generator<Word> {
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) yield* scriptWords(cmd);
  }
}

/** Appends the string `word` holds, read as a script, and the strings inside it (three deep). */
function pushNested(out: ShellSource[], parent: ShellSource, word: Word, depth: number): void {
  const inner = nestedSource(parent, word);
  if (!inner) return;
  out.push(inner);
  if (depth > 3) return;
  for (const w of nestedWords(inner)) pushNested(out, inner, w, depth + 1);
}

/** The `sh -c` strings of a script that can be rewritten in place. */
export function nestedScripts(src: ShellSource): NestedScript[] {
  const out: NestedScript[] = [];
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      // Every readable string: besides apt, its Debian-only programs and paths are flagged. A
      // `find -exec sh -c '…'` string too, though find stays when it empties.
      const own = commandString(cmd);
      for (const { word, shell } of shellStrings(cmd)) {
        const inner = nestedSource(src, word);
        if (!inner) continue;
        const quote = word.raw[0] as "'" | '"';
        const alone = word === own && item.commands.length === 1;
        out.push({ src: inner, word, quote, pipeline: item, alone, shell });
      }
    }
  }
  return out;
}

/** Whether every edit made since `from` inside the string keeps it one string. */
export function editsFit(ctx: MigrationContext, from: number, nested: NestedScript): boolean {
  const [start, end] = nested.src.span(0, nested.src.script.text.length);
  const forbidden = FORBIDDEN[nested.quote]!;
  return ctx.edits
    .slice(from)
    .every((e) => e.start < start || e.end > end || !forbidden.test(e.text));
}
