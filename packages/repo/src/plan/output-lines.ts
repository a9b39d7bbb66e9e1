import type { TransformWarning } from "../transforms.js";
import { columnAcross } from "./columns.js";
import { mapLinesToOriginal, mapLinesToOutput } from "./line-map.js";
import { messageOnOutput, type ScriptLines } from "./message-lines.js";
import { mapNamedLines } from "./named-lines.js";
import type { RepoPlan } from "./types.js";

type LineMap = (line: number) => number;

/**
 * Gives every warning of a planned Dockerfile the place it has in the file `--write` leaves
 * (`outputLine`, and `outputColumn` where it has a column), as the Dockerfile transform gives its
 * own: `migrate DIR --write` prints them there, as `migrate FILE --write` does. Done last, as the
 * plan adds lines after the transform (`apk add su-exec`, `shadow`): a place the transform gave is
 * carried through those; one of a warning the plan added itself (`script-not-found`, `context`,
 * on the file as given) is carried from the input line. The lines a message's words name, the
 * transform's (`usermod -l on line 5`) and the plan's, move too (`outputMessage`).
 */
export function placeOnOutput(plan: RepoPlan): void {
  const scripts = scriptLines(plan);
  for (const file of plan.files) {
    if (file.kind !== "dockerfile" || !file.result) continue;
    const fromInput = mapLinesToOutput(file.before, file.after);
    const fromResult = mapLinesToOutput(file.result.output, file.after);
    const named = mapNamedLines(file.before, file.after, fromInput);
    file.warnings = file.warnings.map((w) => placed(w, { fromInput, fromResult, named }, scripts));
  }
}

/**
 * The words of the Dockerfile transform's warnings as they read in `after`, the file `--write`
 * leaves from `before`: each line they name (`usermod -l on line 5`) moved as {@link placeOnOutput}
 * moves it for `migrate DIR --write`, for `migrate FILE --write` to print the same words.
 */
export function messageOnRewrite(before: string, after: string): (message: string) => string {
  if (before === after) return (message) => message;
  const named = mapNamedLines(before, after, mapLinesToOutput(before, after));
  return (message) => messageOnOutput(message, named);
}

interface LineMaps {
  /** The file as given, and the transform's result, to the file `--write` leaves. */
  fromInput: LineMap;
  fromResult: LineMap;
  /** The file as given to that file, a changed line to the line that replaced it. */
  named: LineMap;
}

function placed(
  w: TransformWarning,
  { fromInput, fromResult, named }: LineMaps,
  scripts: ScriptLines,
): TransformWarning {
  // Both the transform's words and the plan's name lines of the file as given.
  const outputMessage = messageOnOutput(w.message, named, scripts);
  const words = outputMessage !== w.message ? { outputMessage } : {};
  if (w.outputLine !== undefined) return { ...w, outputLine: fromResult(w.outputLine), ...words };
  return {
    ...w,
    outputLine: fromInput(w.line),
    ...(w.column !== undefined ? { outputColumn: w.column } : {}),
    ...words,
  };
}

/** Each rewritten script's line map, made the first time a message names a line of it. */
function scriptLines(plan: RepoPlan): ScriptLines {
  const out = new Map<string, LineMap>();
  for (const file of plan.files) {
    if (file.kind !== "script" || file.before === file.after) continue;
    let places: ReturnType<typeof scriptPlaces> | undefined;
    out.set(file.file, (line) => {
      places ??= scriptPlaces(file.before, file.after);
      return places.toOutput({ line }).line;
    });
  }
  return out;
}

interface Place {
  line: number;
  column?: number;
}

/**
 * Where places of a script are in its rewrite and back. Lines go through the line maps; a column
 * keeps its place on a line the rewrite kept, and on one it changed, its distance from the
 * nearer unchanged end, or inside the changed middle the same word there (`columnAcross`).
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
