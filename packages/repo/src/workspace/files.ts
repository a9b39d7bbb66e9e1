import { constants, type Stats } from "node:fs";
import {
  access,
  chmod,
  chown,
  lstat,
  readlink,
  realpath,
  rename,
  stat,
  unlink,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readBounded } from "@alpinize/bounded-read";
import {
  DANGLING_LINK_HINT,
  danglingLink,
  formatBytes,
  InputError,
  isLinkLoop,
  LINK_LOOP,
  LINK_LOOP_HINT,
} from "@alpinize/errors";
import { isDockerfileName } from "../discover/kinds.js";
import { type ContentStamp, changeSince, contentStamp } from "./stamp.js";
import { decodeText, encodeText } from "./text-bytes.js";

/** Dockerfiles, scripts, compose files: anything larger is not one, and is not read whole. */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;

/**
 * Reads a text file, refusing binaries, huge files, unreadable files and symbolic links (never
 * followed: a link may point outside the repository, and writing it back would replace the link)
 * with an InputError naming the file.
 */
export async function readTextFile(path: string, display = path): Promise<string> {
  return (await readStampedTextFile(path, display)).text;
}

/**
 * {@link readTextFile}, with the stamp of the bytes read: `--write` gives it back to
 * {@link writeFileAtomic}, which leaves the file alone if it changed meanwhile.
 */
export async function readStampedTextFile(
  path: string,
  display = path,
): Promise<{ text: string; stamp: ContentStamp }> {
  const info = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(
      "ALPINIZE_REPO_UNREADABLE",
      `${display}: ${err.code === "ENOENT" ? "no such file" : err.message}`,
      {
        hint: "Check the path.",
        details: { file: display },
        cause: err,
      },
    );
  });
  if (info.isSymbolicLink()) throw await symlinkRefusal(path, display);
  if (!info.isFile()) throw notRegular(display, info);
  if (info.size > MAX_TEXT_BYTES) throw tooLarge(display);
  // The lstat above words the usual refusals; the checks that count are on the descriptor (no
  // link followed, fstat, at most the limit read), against a swap or growth in between.
  const got = await readBounded(path, MAX_TEXT_BYTES, { noFollow: true }).catch(
    (err: NodeJS.ErrnoException) => {
      throw new InputError(
        "ALPINIZE_REPO_UNREADABLE",
        `${display}: cannot read (${err.code ?? err.message})`,
        {
          hint: "Check the file's permissions, or add it to .gitignore.",
          details: { file: display },
          cause: err,
        },
      );
    },
  );
  if (got.status === "too-large") throw tooLarge(display);
  if (got.status !== "ok") throw notRegular(display, got.info);
  const { bytes } = got;
  // Not UTF-8 everywhere (a Latin-1 comment): decoded so that writing it back keeps every byte.
  const text = decodeText(bytes);
  if (text.includes("\u0000")) {
    throw new InputError(
      "ALPINIZE_REPO_UNREADABLE",
      `${display}: binary file (contains NUL bytes)`,
      {
        hint: "Add it to .gitignore if it is not a Dockerfile.",
        details: { file: display },
      },
    );
  }
  return { text, stamp: contentStamp(bytes, got.info) };
}

/**
 * A link is never followed, but one that leads nowhere is named for what it is, as `migrate DIR`
 * names it: "run alpinize on the file the link points to" sends the user after a file that is
 * not there (a dangling link) or cannot be reached (a loop).
 */
async function symlinkRefusal(path: string, display: string): Promise<InputError> {
  const skipped = "skipped (alpinize does not follow links)";
  const target = await readlink(path).catch(() => "?");
  const broken = await realpath(path).then(
    () => undefined,
    (err: NodeJS.ErrnoException) =>
      isLinkLoop(err) ? "loop" : err.code === "ENOENT" ? "dangling" : undefined,
  );
  const [reason, hint] =
    broken === "loop"
      ? [`${LINK_LOOP} (to ${target})`, LINK_LOOP_HINT]
      : broken === "dangling"
        ? [danglingLink(target), DANGLING_LINK_HINT]
        : ["symbolic link", "Run alpinize on the file the link points to."];
  return new InputError("ALPINIZE_REPO_SYMLINK", `${display}: ${reason}; ${skipped}`, {
    hint,
    details: { file: display },
  });
}

function tooLarge(display: string): InputError {
  const limit = formatBytes(MAX_TEXT_BYTES);
  // A file named like a Dockerfile is one: calling it "not a Dockerfile" sent users to ignore it.
  const dockerfile = isDockerfileName(basename(display));
  return new InputError(
    "ALPINIZE_REPO_UNREADABLE",
    `${display}: larger than ${limit}${dockerfile ? ": a Dockerfile too large for alpinize to read" : ""}`,
    {
      hint: dockerfile
        ? `Split it into Dockerfiles of at most ${limit} each, then run alpinize on the folder again; if it is generated, add it to .gitignore instead, or name the Dockerfiles to work on rather than the folder.`
        : "This is not a Dockerfile or script alpinize can work on; add it to .gitignore.",
      details: { file: display },
    },
  );
}

/** The code of a path that is no regular file (a FIFO, socket, device): never opened. */
export const NOT_REGULAR = "ALPINIZE_REPO_NOT_REGULAR";

/**
 * A FIFO, socket or device where a Dockerfile or script was expected. It is not opened: reading a
 * FIFO waits for a writer, a device may never end.
 */
function notRegular(display: string, info: Stats): InputError {
  return new InputError(
    NOT_REGULAR,
    `${display}: ${fileType(info)}, not a regular file; skipped (alpinize does not open it)`,
    {
      hint: "Put the regular file there, or list the path in .gitignore.",
      details: { file: display },
    },
  );
}

/** What a path that is no regular file is, as a message names it. */
export function fileType(info: Stats): string {
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isDirectory()) return "a directory";
  return "a special file";
}

/** The code of a file left unwritten because this user may not write it (mode 0444, not owner). */
export const READ_ONLY = "ALPINIZE_REPO_READ_ONLY";

async function assertWritable(path: string, mode: number): Promise<void> {
  const denied = await access(path, constants.W_OK).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === "EACCES",
  );
  if (!denied) return;
  const octal = (mode & 0o7777).toString(8).padStart(4, "0");
  throw new InputError(READ_ONLY, `${path}: read-only for this user (mode ${octal}); left as is`, {
    hint: "Make the file writable (chmod u+w FILE) if it should be migrated, or run as its owner.",
    details: { file: path },
  });
}

/** The code of a file left unwritten because it changed (or went) since it was read. */
export const CHANGED = "ALPINIZE_REPO_CHANGED";

/**
 * Replaces a file atomically: a temp file in the same folder, then rename; keeps the mode (and,
 * for root, the owner). A symlink stays a symlink: its target is replaced. Anything but a regular
 * file (a FIFO, a device, a /proc fd link) is refused rather than renamed over. With `expected`
 * (the file as it was read), a file that no longer holds those bytes, or is gone, is left as it
 * is now: the edit someone made meanwhile is kept, a removed file is not brought back.
 * Returns how many other hard links the file had: the rename gives it a new inode, so those
 * names keep the old text (the caller says so; 0 for a new file).
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  expected?: ContentStamp,
): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isFile()) {
    throw new InputError(NOT_REGULAR, `${path}: not a regular file; left as is`, {
      hint: "Point alpinize at the Dockerfile itself, not at a device, FIFO or descriptor link.",
      details: { file: path },
    });
  }
  const target = info ? await realpath(path) : path;
  // A rename works in a writable folder whatever the file's mode: honour the mode (0444) first.
  if (info) await assertWritable(target, info.mode);
  if (info) assertKeepsOwner(target, info.uid, info.gid);
  const temp = join(
    dirname(target),
    `.${basename(target)}.alpinize-${process.pid}-${Date.now()}.tmp`,
  );
  try {
    await writeFile(temp, encodeText(text), info ? { mode: info.mode & 0o7777 } : {});
    if (info && process.getuid?.() === 0) await chown(temp, info.uid, info.gid);
    if (info) await chmod(temp, info.mode & 0o7777);
    if (expected) assertUnchanged(target, path, expected);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  // The stat above follows symlinks, as the write does: a link's target is what was replaced.
  return info ? Math.max(0, info.nlink - 1) : 0;
}

/**
 * Only root can give the new file the old one's owner; anyone else would hand another user's file
 * (or one of a group they are not in) over to themselves by renaming. Refused instead.
 */
function assertKeepsOwner(path: string, uid: number, gid: number): void {
  const me = process.getuid?.();
  if (me === undefined || me === 0) return;
  const groups = new Set([process.getgid?.(), ...(process.getgroups?.() ?? [])]);
  if (uid === me && groups.has(gid)) return;
  const who =
    uid === me
      ? `as root, or with group ${gid} among your groups`
      : `as the file's owner (uid ${uid}) or as root`;
  throw new InputError(
    "ALPINIZE_WRITE_NOT_OWNER",
    `${path}: belongs to ${uid === me ? `group ${gid}` : `uid ${uid}`}; rewriting it would change its owner, so it is left as is`,
    {
      hint: `Run alpinize ${who}, or run without --write and apply the changes yourself.`,
      details: { file: path, owner: { uid, gid } },
    },
  );
}

/** The shared last look before the rename ({@link changeSince}), as this writer's InputError. */
function assertUnchanged(target: string, path: string, expected: ContentStamp): void {
  const change = changeSince(target, expected);
  if (change === undefined) return;
  throw new InputError(
    CHANGED,
    `${path}: it changed while alpinize was working (${change}); it was left as it is now`,
    {
      hint: "Someone edited or removed it during the run; run alpinize migrate --write again on the files as they are now.",
      details: { file: path, change },
    },
  );
}
