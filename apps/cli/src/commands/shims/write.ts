import { InputError } from "@alpinize/errors";
import {
  OutputIsDirectoryError,
  OutputReadOnlyError,
  writeFailureHint,
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
    if (err instanceof OutputIsDirectoryError)
      throw new InputError("ALPINIZE_SHIMS_OUTPUT_DIRECTORY", `${file} is a directory`, {
        hint: "Pass a file path, e.g. --output ./alpinize-shims.sh.",
        details: { file },
      });
    throw new InputError(
      "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE",
      err instanceof OutputReadOnlyError
        ? `cannot write ${file}: ${err.message}; left unchanged`
        : `cannot write ${file}: ${(err as Error).message}`,
      {
        hint: writeFailureHint(err, {
          otherwise: "Check that the directory exists and is writable.",
        }),
        details: { file },
        cause: err,
      },
    );
  }
}
