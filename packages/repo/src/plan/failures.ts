import type { AlpinizeError } from "@alpinize/errors";
import type { SkippedFile } from "./types.js";

/** The error's hint, for the CLI to print under the file it stopped, as check does. */
export function hintOf(err: AlpinizeError): { hint?: string } {
  return err.hint ? { hint: err.hint } : {};
}

/** The code of a file left untouched because converting it hit a bug. */
export const INTERNAL_FAILURE = "ALPINIZE_INTERNAL";

/**
 * A bug met while converting one file: that file is left untouched and named, the others are
 * still planned (and written), and the command ends with the internal-error exit code.
 */
export function internalFailure(file: string, err: unknown): SkippedFile {
  const reason = err instanceof Error ? err.message : String(err);
  return {
    file,
    message: `${file}: internal error while converting it (a bug in alpinize; please report it with this file): ${reason}`,
    code: INTERNAL_FAILURE,
  };
}
