import { lstatSync, realpathSync, statSync } from "node:fs";
import { InputError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import { OutputChangedError, OutputNotRegularError, OutputOwnerError } from "./errors.js";
import { outputTarget } from "./locate.js";
import { notOwnerError, writeFailureHint, writeFailureReason } from "./messages.js";
import type { ContentStamp } from "./stamp.js";
import { writeOutput } from "./write.js";

/** How a command words a failed in-place rewrite (`--write`) of one file. */
export interface InPlaceWords {
  /** The file as the error names it (`details.file`). */
  file: string;
  /** The message, given why the write failed in words ({@link writeFailureReason}). */
  message(reason: string): string;
  /** Code and hint for a file someone edited since it was read. */
  changed: { code: string; hint: string };
  /** Code, and hint for an errno code without one of its own, for any other failure. */
  unwritable: { code: string; hint: string };
  /** What to do instead, for a file only its owner or root may replace. */
  instead: string;
}

/**
 * Replaces a file that was just read (`inPlace`; with `expected`, only if it still holds what
 * was read) and turns a failure into the command's InputError: exit 2, the file named. Returns
 * how many other hard links the file had: the rename gives it a new inode, and they keep the
 * old text ({@link otherLinksWarning} says so).
 */
export function rewriteInPlace(
  path: string,
  data: string | Uint8Array,
  expected: ContentStamp | undefined,
  words: InPlaceWords,
): number {
  // Through symlinks, as the write goes: a symlink is written through, not replaced.
  const links = linkCount(path);
  try {
    writeOutput(path, data, { inPlace: true, ...(expected ? { expected } : {}) });
  } catch (err) {
    throw inPlaceError(err, words);
  }
  return Math.max(0, links - 1);
}

function linkCount(path: string): number {
  try {
    return statSync(path).nlink;
  } catch {
    // The write that follows meets the same problem and words it.
    return 1;
  }
}

/**
 * The warning for a rewritten file that had `others` other hard links (`ln a b`, then --write
 * a): the other names still hold the old text. `file` is the name as the user gave it; `target`
 * the file it was written through when that name is a symbolic link, which `ln -f` must name
 * (linking the symlink's name would replace the symlink, not link the file); `flag` the option
 * that wrote it (`--report`, `--output` replace their file the same way).
 */
export function otherLinksWarning(
  file: string,
  others: number,
  target?: string,
  flag = "--write",
): string {
  const links = others === 1 ? "1 other hard link" : `${others} other hard links`;
  const them = others === 1 ? "that name still holds" : "those names still hold";
  return `${escapeInline(file)}: had ${links}; ${flag} replaced it with a new file (a new inode), so ${them} the old text. Rewrite ${others === 1 ? "it" : "them"} too, or link again with ln -f ${escapeInline(target ?? file)} OTHER`;
}

/** A file --write (or --report…) left other hard links of, as --json lists it (`hardLinks`). */
export interface OtherLinksNote {
  file: string;
  otherLinks: number;
  message: string;
}

export function otherLinksNote(
  file: string,
  others: number,
  target?: string,
  flag?: string,
): OtherLinksNote {
  return { file, otherLinks: others, message: otherLinksWarning(file, others, target, flag) };
}

/** The file `path` is a symbolic link to, fully resolved; undefined when it is no link. */
export function symlinkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses, before the file is read, what {@link rewriteInPlace} would refuse after: a pipe, FIFO,
 * device or /dev/fd path. Reading it first would take its data (a FIFO's writer gives it once)
 * for a rewrite that cannot happen. A missing path or a folder is left for the read to word.
 */
export function assertRewritable(path: string, words: InPlaceWords): void {
  const refused = notRewritable(path);
  if (refused) throw inPlaceError(refused, words);
}

/**
 * The error {@link rewriteInPlace} would throw for `path` that is not a regular file, if any,
 * naming it `shown`.
 */
export function notRewritable(path: string, shown = path): OutputNotRegularError | undefined {
  let kind: string;
  try {
    kind = outputTarget(path).kind;
  } catch {
    return undefined;
  }
  return kind === "file" || kind === "new" || kind === "directory"
    ? undefined
    : new OutputNotRegularError(shown);
}

function inPlaceError(err: unknown, words: InPlaceWords): InputError {
  const message = words.message(writeFailureReason(err));
  if (err instanceof OutputOwnerError)
    return notOwnerError(err, message, words.file, words.instead);
  if (err instanceof OutputChangedError)
    return new InputError(words.changed.code, message, {
      hint: words.changed.hint,
      details: { file: words.file },
      cause: err,
    });
  const hint = writeFailureHint(err, { otherwise: words.unwritable.hint, instead: words.instead });
  return new InputError(words.unwritable.code, message, {
    hint,
    details: { file: words.file },
    cause: err,
  });
}
