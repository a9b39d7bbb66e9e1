/**
 * What to do about a file that could not be read, from the errno code it failed with: a
 * permission, a path through a file, a name too long each need a different fix. Every command
 * names such a file `FILE: cannot read (CODE)` and takes its hint from here.
 */
const HINTS: Readonly<Record<string, string>> = {
  EACCES:
    "Permission denied: make the file readable for this user and its folders searchable (ls -ld shows who may), or run alpinize as a user who may read it",
  EPERM:
    "Not permitted: make the file readable for this user and its folders searchable (ls -ld shows who may), or run alpinize as a user who may read it",
  ENOTDIR: "A part of that path is a file, not a folder: check the path",
  ENAMETOOLONG: "That path is too long: give a shorter one",
  EIO: "The disk reported an I/O error reading it: check the disk",
  EMFILE: "Too many files are open: raise the limit (ulimit -n) and run again",
  ENFILE: "Too many files are open on this system: close some and run again",
};

/** The message of a file that could not be read, as every command words it. */
export const cannotRead = (file: string, code: string): string => `${file}: cannot read (${code})`;

/**
 * The hint for a read that failed with `code`; `after` (what was or was not changed) is added
 * after it, and a code without a hint of its own gets `otherwise`.
 */
export function readFailureHint(
  code: string | undefined,
  words: { otherwise: string; after?: string },
): string {
  const hint = code === undefined ? undefined : HINTS[code];
  if (hint === undefined) return words.otherwise;
  return words.after ? `${hint}; ${words.after}.` : `${hint}.`;
}
