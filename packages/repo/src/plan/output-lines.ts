import type { TransformWarning } from "../transforms.js";
import { mapLinesToOriginal, mapLinesToOutput } from "./line-map.js";
import { messageOnOutput } from "./message-lines.js";
import type { RepoPlan } from "./types.js";

type LineMap = (line: number) => number;

/**
 * Gives every warning of a planned Dockerfile the place it has in the file `--write` leaves
 * (`outputLine`, and `outputColumn` where it has a column), as the Dockerfile transform gives its
 * own: `migrate DIR --write` prints them there, as `migrate FILE --write` does. Done last, as the
 * plan adds lines after the transform (`apk add su-exec`, `shadow`): a place the transform gave is
 * carried through those; one of a warning the plan added itself (`script-not-found`, `context`,
 * on the file as given) is carried from the input line.
 */
export function placeOnOutput(plan: RepoPlan): void {
  for (const file of plan.files) {
    if (file.kind !== "dockerfile" || !file.result) continue;
    const fromInput = mapLinesToOutput(file.before, file.after);
    const fromResult = mapLinesToOutput(file.result.output, file.after);
    file.warnings = file.warnings.map((w) => placed(w, fromInput, fromResult));
  }
}

function placed(w: TransformWarning, fromInput: LineMap, fromResult: LineMap): TransformWarning {
  if (w.outputLine !== undefined) return { ...w, outputLine: fromResult(w.outputLine) };
  // The plan's own warning: the lines its words name move with it (the transform's stay).
  const outputMessage = messageOnOutput(w.message, fromInput);
  return {
    ...w,
    outputLine: fromInput(w.line),
    ...(w.column !== undefined ? { outputColumn: w.column } : {}),
    ...(outputMessage !== w.message ? { outputMessage } : {}),
  };
}

interface Place {
  line: number;
  column?: number;
}

/**
 * Where places of a script are in its rewrite and back. Lines go through the line maps; a column
 * keeps its place on a line the rewrite kept, and on one it changed, its distance from the
 * nearer unchanged end (a column inside the changed middle points to where that middle starts).
 */
export function scriptPlaces(before: string, after: string) {
  const a = before.split("\n");
  const b = after.split("\n");
  const forward = lastOfRun(a, b, mapLinesToOutput(before, after));
  const back = mapLinesToOriginal(before, after);
  const across = (from: string[], to: string[], w: Place, line: number): Place =>
    w.column === undefined
      ? { line }
      : { line, column: columnAcross(from[w.line - 1] ?? "", to[line - 1] ?? "", w.column) };
  return {
    toOutput: (w: Place) => across(a, b, w, forward(w.line)),
    toInput: (w: Place) => across(b, a, w, back(w.line)),
  };
}

/**
 * A changed line maps to the line at the same distance from the end of the changed run it is in:
 * the shims the rewrite inserts go above the first command, so a command rewritten right below
 * them (`groupadd` on line 2) is the run's last line, not its first (the block's marker). The run
 * is bounded by the kept lines around it on both sides: the line map sends a changed line it
 * could not pair to the kept line after the run, which is another line.
 */
function lastOfRun(a: string[], b: string[], forward: LineMap): LineMap {
  // The empty rest after a final newline is no line.
  const lastIn = a.at(-1) === "" ? a.length - 1 : a.length;
  const lastOut = Math.max(b.at(-1) === "" ? b.length - 1 : b.length, 1);
  const kept = (line: number) => a[line - 1] === b[forward(line) - 1];
  // Computed once: a warning per line of a long script would otherwise rescan its run each time.
  const prevKept = new Int32Array(lastIn + 2);
  for (let line = 1; line <= lastIn; line++)
    prevKept[line] = kept(line) ? line : prevKept[line - 1]!;
  const nextKept = new Int32Array(lastIn + 2).fill(lastIn + 1);
  for (let line = lastIn; line >= 1; line--)
    nextKept[line] = kept(line) ? line : nextKept[line + 1]!;
  return (line) => {
    if (line < 1 || line > lastIn) return forward(line);
    if (kept(line)) return forward(line);
    const prev = prevKept[line]!;
    const next = nextKept[line]!;
    const runStart = prev >= 1 ? forward(prev) + 1 : 1;
    const runEnd = next <= lastIn ? forward(next) - 1 : lastOut;
    // A removed run: the line that now follows where it was.
    if (runEnd < runStart) return Math.min(runStart, lastOut);
    return Math.max(runStart, runEnd - (next - 1 - line));
  };
}

/** The 1-based column `column` of line `from` has in line `to`, a rewrite of it. */
export function columnAcross(from: string, to: string, column: number): number {
  if (from === to) return column;
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  const room = Math.min(from.length, to.length) - prefix;
  while (suffix < room && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) suffix++;
  if (column - 1 < prefix) return column;
  if (column - 1 >= from.length - suffix) return column + to.length - from.length;
  // In the changed middle: where the same word is in the rewrite's middle (`999` of
  // `groupadd -g 999 docker` in `…ensure_group docker 999`), else where that middle starts.
  const word = WORD.exec(from.slice(column - 1))?.[0];
  const found = word ? wordIn(to.slice(prefix, to.length - suffix), word) : -1;
  return prefix + 1 + Math.max(found, 0);
}

const WORD = /^[^\s;&|()<>"'`$=]+/;

/** Where `word` stands as a whole word in `text` (`docker` is not the start of `docker2`), or -1. */
function wordIn(text: string, word: string): number {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text.slice(at + word.length, at + word.length + 1);
    if (!WORD.test(before) && !WORD.test(after)) return at;
  }
  return -1;
}

/**
 * A script's warnings with both places: `line`/`column` in the file as given, and
 * `outputLine`/`outputColumn` in the file `--write` leaves (where `migrate DIR --write` prints
 * them). The rewrite's warnings come placed on the input, the lint's on the output.
 */
export function placeScriptWarnings(
  before: string,
  after: string,
  rewrite: readonly TransformWarning[],
  lintOnOutput: readonly TransformWarning[],
): { rewrite: TransformWarning[]; lint: TransformWarning[] } {
  const places = scriptPlaces(before, after);
  const both = (input: Place, output: Place) => ({
    line: input.line,
    ...(input.column !== undefined ? { column: input.column } : {}),
    outputLine: output.line,
    ...(output.column !== undefined ? { outputColumn: output.column } : {}),
  });
  return {
    rewrite: rewrite.map((w) => ({ ...w, ...both(w, places.toOutput(w)) })),
    lint: lintOnOutput.map((w) => ({ ...w, ...both(places.toInput(w), w) })),
  };
}
