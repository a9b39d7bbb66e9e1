import type { TransformWarning } from "../transforms.js";
import { mapLinesToOutput } from "./line-map.js";
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
