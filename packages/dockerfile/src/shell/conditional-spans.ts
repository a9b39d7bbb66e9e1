import { countBelow } from "../sorted.js";
import { ShellFunctions } from "./call-exits.js";
import { isChildShell } from "./child-shells.js";
import {
  endsShell,
  leaves,
  localBefore,
  mayFailRedirect,
  type ShellEnd,
  testBefore,
  waitsNext,
} from "./list-control.js";
import { loneProbeBefore } from "./probe-commands.js";
import { functionName, type Header, isNested, type Script } from "./script.js";
import type { ShellSource } from "./source.js";
import { substitutionsInScript } from "./substitutions.js";

/** `[start, end)` of a stretch of text. */
export type Span = readonly [number, number];

/**
 * The stretches of text, outermost first, that a point sits in and that may not run when the
 * script around them does: file offsets, comparable across the scripts of one Dockerfile.
 */
export type Scope = readonly Span[];

interface Frame {
  /**
   * `loop`: a `for` over literal words, which always runs its body (no span of its own); `or`:
   * after `||`; `and`: after `&&` that follows a lone probe (probedProgram); `arm`: a `case` arm's
   * body, which runs only when its pattern is the first to match; `case`: the `case` around its
   * arms, no span of its own (a call is in an arm), so what all its arms add is there after it.
   */
  kind: "compound" | "if" | "loop" | "group" | "or" | "and" | "arm" | "case";
  /** For an `if`: where its current part (a test, a branch's body) starts. */
  start: number;
  /** Where it opened (its `if`, `case`, `{`). */
  open: number;
  /** For a compound: where the and-or list it is in starts, which goes on after it. */
  list?: number;
  /** It is a loop, which a `break`/`continue` leaves. */
  loops?: boolean;
  /**
   * For an `or` after a test's `and` (`[ -n "$A" ] && apk add X || apk add X`): where that `and`
   * started, while neither list goes on past a `&&`/`||` of its own; one of the two runs.
   */
  pair?: number;
  /** A `while`/`until` before its `do`: its first test always runs, so its stretch starts there. */
  test?: boolean;
  /**
   * For a `loop` or a `{ }`/`( )` group in its body: where what may be skipped by its first
   * `break`/`continue` starts.
   */
  leave?: number;
  /** For a `loop` or group: the frame in it around its first `break`/`continue`, whose end is `leave`. */
  leaveAfter?: Frame;
  /** A `( )` subshell or a function body: an `exit` (`return`) in it ends it, not the script. */
  shell?: boolean;
  /** A function body, where `local` and `return` are in place. */
  fn?: boolean;
  /** For a function body: the function's name and the index of its `{`. */
  defines?: { name: string; open: number };
  /** For a `shell` (or the script): where what its first `exit` may skip starts. */
  exit?: number;
  /** For a `shell`: the frame in it around that `exit`, whose end is `exit`. */
  exitAfter?: Frame;
}

interface Index {
  /** The spans sorted by start (an outer one before the inner ones that start with it). */
  spans: Span[];
  starts: number[];
  /** Index of the span each one is nested in, or -1. */
  parents: number[];
}

const indexes = new WeakMap<Script, Index>();

/**
 * The scope of script offset `at` of `src`, inside `outer` (the scope of the command that runs
 * `src`: the `sh -c` string, the here-document fed to sh).
 */
export function scopeAt(src: ShellSource, at: number, outer: Scope = []): Scope {
  const own = spansAround(src.script, at);
  if (own.length === 0) return outer;
  return [...outer, ...own.map(([s, e]) => src.span(s, e))];
}

export function sameSpan(a: Span, b: Span): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Whether the command at script offset `at` may not run when the script gets to it: nested in
 * an `if`/`case`/loop/function, or after a `||` (`command -v grep || apk add grep`, which never
 * runs where busybox's grep is found). Rules add what a call needs to an `apk add` that does run.
 */
export function mayNotRun(script: Script, at: number): boolean {
  return isNested(script, at) || spansAround(script, at).length > 0;
}

/** The conditional stretches (script offsets) around `at`, outermost first. */
export function spansAround(script: Script, at: number): Span[] {
  let index = indexes.get(script);
  if (!index) {
    index = indexOf(conditionalSpans(script));
    indexes.set(script, index);
  }
  const out: Span[] = [];
  // The last span starting at or before `at`, then the spans it is nested in.
  let k = countBelow(index.starts, at + 1) - 1;
  while (k >= 0 && index.spans[k]![1] <= at) k = index.parents[k]!;
  for (; k >= 0; k = index.parents[k]!) out.push(index.spans[k]!);
  return out.reverse();
}

function indexOf(found: Span[]): Index {
  const spans = found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const parents: number[] = [];
  const open: number[] = [];
  for (const [k, [start]] of spans.entries()) {
    while (open.length > 0 && spans[open.at(-1)!]![1] <= start) open.pop();
    parents.push(open.at(-1) ?? -1);
    open.push(k);
  }
  return { spans, starts: spans.map((s) => s[0]), parents };
}

/**
 * The stretches of a script (script offsets) that may not run, or run more than once, when the
 * script gets to them: the bodies of loops and functions (a `for` header's words too, not a
 * `while`/`until` test, which runs at least once), each arm of a
 * `case` and each test and each branch's body of an `if` (a call in the `else` does not see what
 * the `then` installed, nor one in a `*)` arm what the arm before it did), and what
 * follows a `||` up to the end of its and-or list (`getent passwd app || apk add shadow`). A
 * `&&` does not make one: what follows it runs whenever the commands before it succeed, which a
 * build step assumes (`apk update && apk add shadow`), as `alpinize check` reads it; but one after
 * a lone probe does, up to the next `||` or the end of its list (`command -v useradd && apk add
 * shadow` never runs where useradd is missing), for ScopedWorlds to judge by that probe, and so
 * does one after a test (`[ -n "$A" ] && apk add shadow`). So do a list sent to the background
 * (`apk add shadow & useradd app`, unless a `wait` comes next), a `case` with a `;&`/`;;&` arm,
 * what follows the first `break`/`continue` in a `for` body (up to its `done`, and in a `{ }`
 * group there up to its `}`), what follows an `exit` up to the end of the shell it ends
 * (markExit), and a compound whose redirect may fail (list-control). `pairs`
 * gets the two stretches of each `test && … || …` ({@link Frame.pair}). The stretches inside its
 * `$( )`s are the script's too.
 */
export function conditionalSpans(script: Script, pairs?: Span[]): Span[] {
  let read = stretchesOf.get(script);
  if (!read) {
    read = { spans: [], pairs: [] };
    read.spans = readSpans(script, read.pairs);
    stretchesOf.set(script, read);
  }
  pairs?.push(...read.pairs);
  // A copy: callers sort what they get.
  return [...read.spans];
}

/**
 * Per script, once: a script's stretches hold those of its `$( )`s, which probeStarts and the
 * stretches of every script around them read again (a `$( )` nested n deep: n³ reads).
 */
const stretchesOf = new WeakMap<Script, { spans: Span[]; pairs: Span[] }>();

function readSpans(script: Script, pairs: Span[]): Span[] {
  const out: Span[] = [];
  const frames: Frame[] = [];
  // The script's own shell, around every frame (an `exit` at its top level).
  const root: Frame = { kind: "group", start: 0, open: 0, shell: true };
  // The functions defined so far: a call of one whose body exits ends the shell too.
  const functions = new ShellFunctions();
  // Where the and-or list being read starts (its first item), once it has one.
  let list: number | undefined;
  // Pops the innermost frame, ending at `end`: where a loop's `break` (an `exit`) in it stops
  // running the body (the shell).
  const pop = (end: number): Frame | undefined => {
    const f = frames.pop();
    const loop = frames.at(-1);
    if (f && loop?.leaveAfter === f) loop.leave ??= end;
    if (f && (loop ?? root).exitAfter === f) (loop ?? root).exit ??= end;
    return f;
  };
  const inFunction = () => frames.some((f) => f.fn);
  const closeOr = (end: number) => {
    while (isList(frames.at(-1))) {
      const f = pop(end)!;
      out.push([f.start, end]);
      if (f.pair !== undefined) pairs.push([f.pair, f.start]);
    }
  };
  // Pops up to the frame `kind` closes, giving each conditional one its span; the frame it closes.
  const close = (end: number, closes: (f: Frame) => boolean): Frame | undefined => {
    closeOr(end);
    for (let f = pop(end); f; f = pop(end)) {
      if (f.kind !== "group" && f.kind !== "loop" && f.kind !== "case") out.push([f.start, end]);
      if (f.leave !== undefined) out.push([f.leave, end]);
      if (f.exit !== undefined) out.push([f.exit, end]);
      if (closes(f)) return f;
    }
    return undefined;
  };
  const open = (kind: Frame["kind"], start: number, loops = false) => {
    list ??= start;
    frames.push({ kind, start, open: start, list, loops });
    list = undefined;
  };
  // A compound ends: the list it is in goes on, and a redirect that may fail may skip all of it.
  const closed = (k: number, f: Frame | undefined) => {
    if (!f) return;
    list = f.list;
    const end = mayFailRedirect(script.items, k);
    if (end !== undefined) out.push([f.open, end]);
  };
  for (const [k, it] of script.items.entries()) {
    if (it.kind === "op") {
      const top = frames.at(-1);
      if (it.op === "||") {
        const and = top?.kind === "and" ? pop(it.start)!.start : undefined;
        if (and !== undefined) out.push([and, it.start]);
        if (top?.kind === "or") delete top.pair;
        else frames.push({ kind: "or", start: it.end, open: it.end, pair: and });
      } else if (it.op === "&&") {
        if (top?.kind === "or") delete top.pair;
        if (
          !isList(frames.at(-1)) &&
          (loneProbeBefore(script.items, k) ||
            testBefore(script.items, k) ||
            localBefore(script.items, k, inFunction()))
        )
          frames.push({ kind: "and", start: it.end, open: it.end });
      } else if (it.op !== "|") {
        closeOr(it.start);
        if ((it.op === ";;" || it.op === ";;&") && frames.at(-1)?.kind === "arm")
          out.push([pop(it.start)!.start, it.start]);
        if (it.op === ";&" || it.op === ";;&") fallsThrough(frames);
        else if (it.op === "&" && list !== undefined && !waitsNext(script.items, k))
          out.push([list, it.start]);
        list = undefined;
      }
    } else if (it.kind === "pattern") {
      frames.push({ kind: "arm", start: it.end, open: it.end });
      list = undefined;
    } else if (it.kind === "header") {
      open(headerKind(script, it), it.start, !script.text.startsWith("case", it.start));
    } else if (it.kind === "pipeline") {
      list ??= it.start;
      const leaving = leaves(it);
      if (leaving !== undefined) markLeave(frames, leaving, it.start);
      const ends = endsShell(script.items, k, inFunction());
      if (ends) markExit(frames, root, ends, isChildShell(script), it.start);
      else {
        // A call or `eval` that exits: what it ran before its `exit` did run.
        const call = functions.endsShell(script, k, inFunction());
        if (call) markExit(frames, root, call, isChildShell(script), it.end);
      }
    } else if (it.kind === "keyword") {
      const w = it.word;
      if (w === "if") open("if", it.start);
      else if (w === "while" || w === "until") {
        open("compound", it.start, true);
        frames.at(-1)!.test = true;
      } else if (w === "then" || w === "do" || w === "else" || w === "elif") {
        closeOr(it.start);
        list = undefined;
        const top = frames.at(-1);
        if (w === "do" && top?.test) {
          // The test ran once whatever it says; the body may not run, or run again.
          top.test = false;
          top.start = it.end;
        } else if (top?.kind === "if") {
          // One part of the if ends: a test at its `then`, a body at the next `elif`/`else`.
          const end = w === "then" ? it.end : it.start;
          out.push([top.start, end]);
          top.start = w === "elif" ? it.start : it.end;
        }
      } else if (w === "fi" || w === "done" || w === "esac")
        closed(
          k,
          close(it.end, (f) => ["compound", "loop", "if", "case"].includes(f.kind)),
        );
      else if (w === "(") {
        open("group", it.start);
        frames.at(-1)!.shell = true;
      } else if (w === "{") {
        const name = functionName(script.items, k);
        open(name === undefined ? "group" : "compound", it.start);
        if (name !== undefined)
          Object.assign(frames.at(-1)!, { shell: true, fn: true, defines: { name, open: k } });
      } else if (w === ")" || w === "}") {
        const f = close(it.end, (f) => !isList(f));
        if (f?.defines)
          functions.define(f.defines.name, { script, from: f.defines.open + 1, to: k });
        closed(k, f);
      } else if (w === "!") list ??= it.start;
    }
  }
  close(script.text.length, () => false);
  if (root.exit !== undefined) out.push([root.exit, script.text.length]);
  for (const span of substitutionSpans(script)) out.push(span);
  return out;
}

/**
 * The stretches inside the script's command substitutions, in its offsets: what a `$( )` runs
 * is there after it (`x=$(apk add shadow); useradd app`), unless it may not run in there
 * (`x=$(false && apk add shadow)`). One not read as written (in `${X:-$(…)}`, which runs it only
 * where X is unset) is a stretch of its own.
 */
function substitutionSpans(script: Script): Span[] {
  if (!script.text.includes("$(") && !script.text.includes("`")) return [];
  return substitutionsInScript(script).flatMap(({ src, at }) =>
    src ? conditionalSpans(src.script).map(([s, e]) => src.span(s, e)) : [at],
  );
}

/**
 * A `case` arm falls through (`;&`) or goes on matching (`;;&`): which arms run is not read, so
 * the `case` is one stretch of its own and what its arms add is not there after it.
 */
function fallsThrough(frames: Frame[]): void {
  const frame = frames.findLast((f) => f.kind === "case");
  if (frame) frame.kind = "compound";
}

/** A frame that an and-or list opened (`||`, `&&` after a probe): its list's end closes it. */
function isList(f: Frame | undefined): boolean {
  return f?.kind === "or" || f?.kind === "and";
}

function headerKind(script: Script, header: Header): Frame["kind"] {
  if (script.text.startsWith("case", header.start)) return "case";
  return literalFor(script, header) ? "loop" : "compound";
}

/**
 * A `break`/`continue` leaving the `n` innermost loops (the pipeline at `at` holds it): what
 * follows it in a loop over words may be skipped, even on the first pass, but what its body ran
 * before it did run (`apk add bash && break`). Around it in the body, a compound or list
 * (`if …; then break; fi`, `[ -f x ] && break`): the stretch starts where that ends, so spans
 * stay nested and none starts where a probed one does (probeStarts keys them by start).
 */
function markLeave(frames: Frame[], n: number, at: number): void {
  let left = 0;
  for (let i = frames.length - 1; i >= 0 && left < n; i--) {
    const f = frames[i]!;
    if (f.kind === "group") skipRest(f, frames[i + 1], at);
    if (!f.loops) continue;
    left++;
    if (f.kind === "loop") skipRest(f, frames[i + 1], at);
  }
}

/**
 * An `exit` (`return`, `exec cmd`, `local` outside a function; a call of a function whose body
 * exits, an `eval` that exits, from their end) at `at` ends the innermost shell around it (a
 * `( )`, a function body, else the script): what follows it there may not run, from `at` or
 * from the end of the frame in that shell that holds it (spans stay nested). One that fails
 * (`exit 1`) ends its shell with a failure, as a failed command ends: at a RUN's top level it
 * stops the build, and where the shell is a `( )` or a `child` (an `sh -c` string, a `$( )`) it
 * skips what follows only when it surely runs: behind a test (`[ -z "$A" ] || exit 1; apk add
 * bash`) the add runs where the exit does not, and where it does the shell fails, which a later
 * call then sees as after a failed `apk add`. Only its first such `exit` counts.
 */
function markExit(frames: Frame[], root: Frame, end: ShellEnd, child: boolean, at: number): void {
  const i = frames.findLastIndex((f) => f.shell);
  if (end === "fails" && ((i < 0 && !child) || frames.slice(i + 1).some(mayBeSkipped))) return;
  const shell = i < 0 ? root : frames[i]!;
  if (shell.exit !== undefined || shell.exitAfter) return;
  const around = frames[i + 1];
  if (around) shell.exitAfter = around;
  else shell.exit = at;
}

/** A frame whose commands may not run when the shell gets to it (a branch, after `||`). */
function mayBeSkipped(f: Frame): boolean {
  return f.kind !== "group" && f.kind !== "loop" && f.kind !== "case";
}

/**
 * What follows a `break` in `f` (a loop over words, or a group, which has no stretch of its own:
 * `{ break; apk add shadow; }`) may not run: from `at`, or from the end of `around`, the frame in
 * `f` that holds the `break`. Only its first `break` counts: the stretch after it holds the rest.
 */
function skipRest(f: Frame, around: Frame | undefined, at: number): void {
  if (f.leave !== undefined || f.leaveAfter) return;
  if (around) f.leaveAfter = around;
  else f.leave = at;
}

/**
 * `for x in a b; do`: a loop over words as written (no `$`, glob or substitution) runs its body
 * at least once, so what it installs is there after it. `for x; do` (the arguments) may not.
 */
function literalFor(script: Script, header: Header): boolean {
  if (!script.text.startsWith("for", header.start)) return false;
  const [, keyword, ...list] = header.words;
  return keyword?.raw === "in" && list.length > 0 && list.every((w) => !/[$`*?[\]]/.test(w.raw));
}
