import { lstatSync, readlinkSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/** An output path that cannot be written for what lies on it, in the CLI's own words. */
export interface OutputPathProblem {
  /** Why, for the message's parentheses: "out: no such folder", "it is a folder". */
  reason: string;
  /** What to do: a sentence, with its full stop. */
  hint: string;
  /** The first folder on the path that does not exist (as shown), when that is the problem. */
  missing?: string;
}

export interface OutputPathWords {
  /** Where a relative path is taken from, and what shown paths are relative to. */
  cwd: string;
  /** The flag that named the path, for the hint: `--report`, `--output`. */
  flag: string;
  /** A file name to suggest inside a folder given instead of a file: `MIGRATION.md`. */
  example: string;
}

/**
 * Words for the failures that are about the path itself, which Node reports as bare errno text
 * naming whatever syscall hit them (`ENOTDIR: not a directory, lstat '…'`, or the temp file's
 * name): a missing folder, a file where a folder should be, a folder where the file should be, a
 * folder that takes no new files (/proc). Undefined for any other failure (a full disk, a
 * permission), which {@link writeFailureHint} words by its errno code.
 */
export function outputPathProblem(
  path: string,
  err: unknown,
  words: OutputPathWords,
): OutputPathProblem | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const given = resolve(words.cwd, path);
  // A link is written through: the folders that matter are on its target's path.
  const full = followLinks(given);
  const viaLink =
    full === given
      ? ""
      : `, on the path ${shownPath(given, words.cwd)} links to (${shownPath(full, words.cwd)})`;
  const other = `pick another ${words.flag} path`;
  if (code === "EISDIR") {
    const shown = shownPath(full, words.cwd);
    const inside = full === resolve(words.cwd) ? `./${words.example}` : join(shown, words.example);
    return {
      reason: "it is a folder",
      hint: `Give ${words.flag} a file name, e.g. ${words.flag} ${inside}.`,
    };
  }
  if (code === "ENOTDIR") {
    const blocker = firstNonFolder(full);
    if (blocker === undefined) return undefined;
    const shown = shownPath(blocker, words.cwd);
    return {
      reason: `${shown} is ${isRegularFile(blocker) ? "a file, not a folder" : "not a folder"}${viaLink}`,
      hint: `Check the path (nothing can be made inside ${shown}), or ${other}.`,
    };
  }
  if (code !== "ENOENT") return undefined;
  const missing = firstMissing(full);
  if (missing !== undefined) {
    const shown = shownPath(missing, words.cwd);
    if (isLink(missing))
      return {
        reason: `${shown} is a symbolic link to a folder that does not exist${viaLink}`,
        hint: `Make the folder it points to (ls -l ${shown} shows it) or ${other}.`,
      };
    return {
      reason: `${shown}: no such folder${viaLink}`,
      hint: `Make ${shown} first (mkdir -p ${shown}) or ${other}.`,
      missing: shown,
    };
  }
  // Every folder is there, yet a new file in it is "not found": a file system such as /proc,
  // where the temp file the output is written through cannot be made.
  const dir = shownPath(dirname(full), words.cwd);
  return {
    reason: `no new file can be made in ${dir}, and it is written through a temp file beside it`,
    hint: `Pick another ${words.flag} path, on an ordinary file system.`,
  };
}

/** Where `path` leads when its last name is a symbolic link (or a chain of them). */
function followLinks(path: string): string {
  let end = path;
  for (let hops = 0; hops < 40; hops++) {
    let target: string;
    try {
      if (!lstatSync(end).isSymbolicLink()) return end;
      target = readlinkSync(end);
    } catch {
      return end;
    }
    end = resolve(dirname(end), target);
  }
  return end;
}

/** A path to paste from `cwd`: relative to it when inside it, else absolute. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** The folders `path` lies in, outermost first, without the root. */
function folders(path: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) out.unshift(dir);
  return out;
}

/** The outermost folder of `path` that does not exist (through links), if one does not. */
function firstMissing(path: string): string | undefined {
  return folders(path).find((dir) => statOf(dir) === undefined);
}

/** The outermost name on `path` that exists but is no folder (through links). */
function firstNonFolder(path: string): string | undefined {
  return folders(path).find((dir) => {
    const stats = statOf(dir);
    return stats !== undefined && !stats.isDirectory();
  });
}

function isRegularFile(path: string): boolean {
  return statOf(path)?.isFile() === true;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
