import { InputError } from "@alpinize/errors";
import {
  OutputChangedError,
  OutputFolderPathError,
  OutputNotRegularError,
  OutputOwnerError,
  OutputReadOnlyError,
} from "./errors.js";

/**
 * The error for a `--write` refused by {@link OutputOwnerError}: the file and its folder may
 * well be writable, so the hint says who can write it, or what to do instead (`instead`, e.g.
 * "drop --write and apply the printed diff yourself").
 */
export function notOwnerError(
  err: OutputOwnerError,
  message: string,
  file: string,
  instead: string,
): InputError {
  const who =
    err.reason === "owner"
      ? `as the file's owner (uid ${err.fileUid}) or as root`
      : `as root, or as its owner (uid ${err.fileUid}) with group ${err.fileGid} among your groups`;
  return new InputError("ALPINIZE_WRITE_NOT_OWNER", message, {
    hint: `Run alpinize ${who}, or ${instead}.`,
    details: { file, owner: { uid: err.fileUid, gid: err.fileGid } },
    cause: err,
  });
}

/** Why a write failed, for a message: the reason in words for our own refusals, else the errno code. */
export function writeFailureReason(err: unknown): string {
  if (err instanceof OutputNotRegularError) return "not a regular file";
  if (
    err instanceof OutputReadOnlyError ||
    err instanceof OutputChangedError ||
    err instanceof OutputOwnerError ||
    err instanceof OutputFolderPathError
  )
    return err.message;
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/** What to do about a write that failed with this errno code (a sentence without its full stop). */
const HINTS: Readonly<Record<string, string>> = {
  ENOSPC: "The disk is full: free some space on it, or write to another disk",
  EDQUOT: "Your disk quota is used up: free some space, or write to another disk",
  EACCES:
    "Permission denied: make the file and its directory writable for this user (ls -ld shows who may write), or write elsewhere",
  EPERM:
    "Not permitted: make the file and its directory writable for this user (ls -ld shows who may write), or write elsewhere",
  ENOENT:
    "A directory on that path does not exist: create it (mkdir -p) or give a path in an existing directory",
  ENOTDIR: "A part of that path is a file, not a directory: check the path",
  EISDIR: "That path is a directory: give a file path (inside it, for example)",
  ENOTREG:
    "--write rewrites a regular file in place, and this is a pipe, FIFO, device or /dev/fd path: drop --write to print the changes on standard output instead",
  EDIRPATH:
    "A path that ends in / names a folder: give a file path (without the /, or with a file name after it; mkdir -p makes a missing folder)",
  EROFS: "That file system is mounted read-only: write to another one",
  EFBIG:
    "The file would be larger than this process may write (ulimit -f) or the file system allows: raise the limit or write elsewhere",
  EIO: "The device reported an I/O error: check the disk, or write to another one",
  ENAMETOOLONG: "That path is too long: give a shorter one",
  ELOOP: "That path loops through symbolic links: fix the links or give another path",
};

/**
 * The hint for a failed write, from the errno code it failed with: a full disk, a permission,
 * a missing directory each need a different fix. `instead` (e.g. "drop --write and apply the
 * diff yourself") is offered after it; a code without a hint of its own gets `otherwise`.
 */
export function writeFailureHint(
  err: unknown,
  words: { otherwise: string; instead?: string },
): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const hint = code === undefined ? undefined : HINTS[code];
  if (hint === undefined) return words.otherwise;
  // Its hint already says what to do instead: drop --write.
  if (code === "ENOTREG") return `${hint}.`;
  return words.instead ? `${hint}; or ${words.instead}.` : `${hint}.`;
}
