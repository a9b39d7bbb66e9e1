import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  OutputChangedError,
  OutputFolderPathError,
  OutputNotRegularError,
  OutputOwnerError,
  OutputReadOnlyError,
} from "./errors.js";
import { writeFailureHint, writeFailureReason } from "./messages.js";
import { type OutputPathWords, outputPathProblem, shownPath } from "./path-words.js";

/** Why an output could not be written and what to do, in words, for any failure. */
export interface WriteFailureWords {
  /** For the message's parentheses: "out: no such folder", "permission denied: …". */
  reason: string;
  /** What to do: a sentence, with its full stop. */
  hint: string;
  /** The first folder on the path that does not exist (as shown), when that is the problem. */
  missing?: string;
  /** Whether the failure came before anything was written (a path or permission refusal). */
  untouched: boolean;
}

/**
 * {@link outputPathProblem} for what lies on the path, and for the rest (a permission, a full
 * disk) the errno in words naming the folder, never Node's text with the temp file's name in
 * it (`EACCES: permission denied, open '…/.alpinize-report-…'`).
 */
export function writeFailureWords(
  path: string,
  err: unknown,
  words: OutputPathWords & { instead: string },
): WriteFailureWords {
  const problem = outputPathProblem(path, err, words);
  if (problem) return { ...problem, untouched: true };
  const hint = writeFailureHint(err, {
    otherwise: `Pass ${words.flag} a path in an existing, writable folder.`,
    instead: words.instead,
  });
  const own =
    err instanceof OutputReadOnlyError ||
    err instanceof OutputOwnerError ||
    err instanceof OutputChangedError ||
    err instanceof OutputFolderPathError ||
    err instanceof OutputNotRegularError;
  if (own) return { reason: writeFailureReason(err), hint, untouched: true };
  const file = resolve(words.cwd, path);
  const dir = shownPath(dirname(file), words.cwd);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = errnoReason(code, { full: file, shown: shownPath(file, words.cwd) }, dir, err);
  // Refused on opening (a permission, a read-only file system): no byte went anywhere.
  const untouched = code === "EACCES" || code === "EPERM" || code === "EROFS";
  return { reason, hint, untouched };
}

function errnoReason(
  code: string | undefined,
  file: { full: string; shown: string },
  dir: string,
  err: unknown,
): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return readOnlyFile(file.full)
        ? `permission denied: ${file.shown} is not writable for this user`
        : `permission denied: this user may not make files in ${dir}, where the output is written through a temp file`;
    case "EROFS":
      return `${dir} is on a read-only file system`;
    case "ENOSPC":
      return special(file.full)
        ? `no space left on ${file.shown}`
        : `the disk holding ${dir} is full`;
    case "EDQUOT":
      return `your disk quota on the disk holding ${dir} is used up`;
    case "EFBIG":
      return "the file would be larger than this process may write (ulimit -f) or the file system allows";
    case "EIO":
      return `the device holding ${dir} reported an I/O error`;
    case "ENAMETOOLONG":
      return "the path is too long";
    case "ELOOP":
      return "the path loops through symbolic links";
    default:
      return nodeWords(err);
  }
}

/** A device, pipe or socket written into (the folder holding it is not the one full). */
function special(file: string): boolean {
  try {
    return !statSync(file).isFile();
  } catch {
    return false;
  }
}

/** An existing file this user may not write (the folder is then not the one refusing). */
function readOnlyFile(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    accessSync(file, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Node's errno text without the syscall and the path it names (often the temp file's). */
function nodeWords(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const bare = message.replace(/, \w+ '.*$/s, "");
  if (code === undefined) return bare;
  return bare.startsWith(`${code}:`) ? bare : `${code}: ${bare}`;
}
