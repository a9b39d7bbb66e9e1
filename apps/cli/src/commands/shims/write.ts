import { InputError } from "@alpinize/errors";
import { writeFailureWords } from "../../write-output/failure-words.js";
import { writeOutput } from "../../write-output.js";

/**
 * Writes FILE through a temp file in its directory and a rename, keeping the mode (and, for root,
 * the owner) of a file it replaces. A symlink is followed, so its target is replaced and the link
 * stays; stdout, a pipe, a FIFO or a device is written into, never replaced. A relative FILE is
 * taken from `cwd`.
 */
export function writeNewOrReplace(file: string, text: string, options: { cwd: string }): void {
  try {
    writeOutput(file, text, { newFileMode: 0o644, cwd: options.cwd });
  } catch (err) {
    throw unwritable(file, err, options.cwd);
  }
}

/** The refusal, worded as `migrate DIR --report` and `gate --output` word theirs: which path, why, what to do. */
function unwritable(file: string, err: unknown, cwd: string): InputError {
  const words = writeFailureWords(file, err, {
    cwd,
    flag: "--output",
    example: "alpinize-shims.sh",
    instead: "pass --output another path",
  });
  const code =
    (err as NodeJS.ErrnoException).code === "EISDIR"
      ? "ALPINIZE_SHIMS_OUTPUT_DIRECTORY"
      : "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE";
  return new InputError(
    code,
    `alpinize shims print: cannot write ${file} (${words.reason})${words.untouched ? "; nothing was written" : ""}`,
    {
      hint: words.hint,
      details: { file, ...(words.missing ? { missing: words.missing } : {}) },
      cause: err,
    },
  );
}
