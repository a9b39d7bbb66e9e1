import { InputError } from "@alpinize/errors";
import { writeFailureReason, writeOutput } from "../../write-output.js";

/**
 * Writes the rendered report to --output: a file is replaced atomically; stdout, a pipe or a
 * device is written into, never replaced (see write-output.ts).
 */
export async function writeAtomic(path: string, text: string, cwd: string): Promise<void> {
  try {
    writeOutput(path, text, { cwd });
  } catch (err) {
    throw new InputError(
      "ALPINIZE_GATE_OUTPUT_UNWRITABLE",
      `${path}: cannot write the output (${writeFailureReason(err)})`,
      {
        hint: "Check that the directory exists and is writable, and that the path is not a directory.",
        cause: err,
      },
    );
  }
}
