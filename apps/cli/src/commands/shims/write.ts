import { InputError } from "@alpinize/errors";
import {
  OutputFolderPathError,
  OutputOwnerError,
  OutputReadOnlyError,
  outputPathProblem,
  writeFailureHint,
  writeFailureReason,
  writeOutput,
} from "../../write-output.js";

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

/** The refusal, worded as `migrate DIR --report` words its own: which path, why, what to do. */
function unwritable(file: string, err: unknown, cwd: string): InputError {
  const problem = outputPathProblem(file, err, {
    cwd,
    flag: "--output",
    example: "alpinize-shims.sh",
  });
  const code =
    (err as NodeJS.ErrnoException).code === "EISDIR"
      ? "ALPINIZE_SHIMS_OUTPUT_DIRECTORY"
      : "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE";
  const why = problem?.reason ?? writeFailureReason(err);
  // These fail before a byte is written; a pipe or device may have taken part of it.
  const untouched = problem !== undefined || refusedBeforeWriting(err);
  return new InputError(
    code,
    `alpinize shims print: cannot write ${file} (${why})${untouched ? "; nothing was written" : ""}`,
    {
      hint:
        problem?.hint ??
        writeFailureHint(err, {
          otherwise: "Pass --output a path in an existing, writable folder.",
          instead: "pass --output another path",
        }),
      details: { file, ...(problem?.missing ? { missing: problem.missing } : {}) },
      cause: err,
    },
  );
}

function refusedBeforeWriting(err: unknown): boolean {
  return (
    err instanceof OutputReadOnlyError ||
    err instanceof OutputOwnerError ||
    err instanceof OutputFolderPathError
  );
}
