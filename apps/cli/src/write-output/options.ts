import type { ContentStamp } from "./stamp.js";

/**
 * How an output path was written: through a temp file and a rename (`replaced`, `created`), or
 * straight into an open stream (`stream`: stdout, a pipe, a FIFO, a device, a /proc fd path).
 */
export type WriteKind = "replaced" | "created" | "stream";

export interface WriteOutputOptions {
  /** Directory a relative path is taken from (default: process.cwd()). */
  cwd?: string;
  /** Permission bits of a new file, before the umask (default 0o666). */
  newFileMode?: number;
  /**
   * An in-place rewrite of a file that was just read (`migrate --write`, `pin --write`): only an
   * existing regular file, reached by a plain path or symlinks, is replaced. Anything else throws
   * (OutputNotRegularError, or ENOENT if it vanished), since appending the new text to a file
   * reached through /dev/fd or /proc would corrupt it.
   */
  inPlace?: boolean;
  /**
   * The file as it was read ({@link contentStamp}): just before the rename, a regular file that
   * no longer has this size, modification time and content is left alone and
   * OutputChangedError is thrown, so an edit made while the command was working is kept.
   */
  expected?: ContentStamp;
}
