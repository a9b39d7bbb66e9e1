import { constants } from "node:fs";
import { OutputIsDirectoryError, OutputNotRegularError } from "./errors.js";
import { writeAll, writeInto } from "./fd.js";
import { outputTarget } from "./locate.js";
import type { WriteKind, WriteOutputOptions } from "./options.js";
import { replace } from "./replace.js";

/**
 * Writes `data` to `path` the way a shell redirection would, without ever half-writing or
 * replacing what is not a regular file. `-`, /dev/stdout, /dev/fd/1 and /proc/self/fd/1 go to
 * fd 1 (likewise for 2); other fd paths are opened for appending; pipes, FIFOs and devices are
 * written into; a regular file (through any symlinks) is replaced by a temp file in its own
 * directory with the same mode and a rename. Throws the errno error (its `code` says why) after
 * removing any temp file; the target is then unchanged.
 */
export function writeOutput(
  path: string,
  data: string | Uint8Array,
  options: WriteOutputOptions = {},
): WriteKind {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const target = outputTarget(path, options.cwd);
  if (options.inPlace && target.kind !== "file") {
    if (target.kind === "new")
      throw Object.assign(new Error(`${path}: no such file`), { code: "ENOENT" });
    throw target.kind === "directory"
      ? new OutputIsDirectoryError(path)
      : new OutputNotRegularError(path);
  }
  switch (target.kind) {
    case "own-fd":
      writeAll(target.fd, bytes);
      return "stream";
    case "fd-path":
      // The shell already truncated for `>`; `>>` and earlier writes must be kept.
      writeInto(target.path, bytes, constants.O_APPEND);
      return "stream";
    case "special":
      // A regular file that took its place since we looked is replaced as usual.
      return writeInto(target.path, bytes, 0)
        ? "stream"
        : replace(target.path, undefined, bytes, options);
    case "directory":
      throw new OutputIsDirectoryError(path);
    case "file":
      return replace(target.path, target.stats, bytes, options);
    case "new":
      return replace(target.path, undefined, bytes, options);
  }
}
