import { shimsPath } from "@alpinize/entrypoint";
import type { AlpinizeError } from "@alpinize/errors";
import { errorJson } from "../../json-errors.js";
import type { OtherLinksNote } from "../../write-output.js";

export type Subcommand = "print" | "path";

/** How far a run got, for the --json document of an error that stops it. */
export interface Reached {
  /** print or path, once the flags parsed and named one. */
  subcommand: Subcommand | null;
  /** --output as given, once the flags parsed. */
  output: string | null;
}

/**
 * The --json document: the same keys for both subcommands and for an error, so a consumer reads
 * one shape. `shims` holds the library when print had no --output; `written` says FILE got it;
 * `hardLinks`, only when FILE had other names, that they keep the old text.
 */
export function shimsJson(
  reached: Reached,
  result: { shims?: string; written?: boolean; hardLinks?: readonly OtherLinksNote[] } = {},
) {
  const hardLinks = result.hardLinks ?? [];
  return {
    subcommand: reached.subcommand,
    path: shimsPath,
    output: reached.output,
    written: result.written ?? false,
    shims: result.shims ?? null,
    // Only when FILE had other names, as migrate DIR --json and gate --output carry it.
    ...(hardLinks.length > 0 ? { hardLinks } : {}),
  };
}

/** The document of a run stopped by an error: nothing written, and the error as the others carry it. */
export function failureJson(err: AlpinizeError, reached: Reached) {
  return { ...shimsJson(reached), error: errorJson(err) };
}
