import { randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  openSync,
  renameSync,
  type Stats,
  unlinkSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { OutputOwnerError, OutputReadOnlyError } from "./errors.js";
import { closeQuietly, syncDir, writeAll } from "./fd.js";
import type { WriteKind, WriteOutputOptions } from "./options.js";
import { assertUnchanged } from "./stamp.js";

/**
 * Writes `bytes` to a temp file in `path`'s directory (with `old`'s mode, owner and group when
 * it replaces a file), flushes it and renames it over `path`; on any error the temp file goes.
 */
export function replace(
  path: string,
  old: Stats | undefined,
  bytes: Uint8Array,
  options: WriteOutputOptions,
): WriteKind {
  if (old) {
    assertWritable(path, old);
    assertOwnerKept(path, old);
  }
  const dir = dirname(path);
  // Not derived from the file name, so a name near NAME_MAX still gets a temp file.
  const tmp = join(dir, `.alpinize-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  const mode = old ? old.mode & 0o7777 : (options.newFileMode ?? 0o666);
  const fd = openSync(tmp, "wx", mode);
  let open = true;
  try {
    if (old) {
      // An existing file keeps its owner, group and exact bits (the umask applied to
      // openSync); chown first, since it clears set-id bits.
      keepOwner(fd, path, old);
      fchmodSync(fd, mode);
    }
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    if (options.expected) assertUnchanged(path, options.expected);
    renameSync(tmp, path);
  } catch (err) {
    if (open) closeQuietly(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never created
    }
    throw err;
  }
  syncDir(dir);
  return old ? "replaced" : "created";
}

function assertWritable(path: string, old: Stats): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EACCES")
      throw new OutputReadOnlyError(path, old.mode);
    throw err;
  }
}

/**
 * Refuses early what {@link keepOwner} could not do: another user's file (only root may give a
 * file away). Writing into it instead would keep the owner but is not atomic: a failure half way
 * (a full disk, a size limit, a crash) would leave it cut short, which the rename never does.
 */
function assertOwnerKept(path: string, old: Stats): void {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || old.uid === uid) return;
  throw new OutputOwnerError(path, old, uid);
}

/** Gives the temp file the old file's owner and group; a group this user is not in is refused. */
function keepOwner(fd: number, path: string, old: Stats): void {
  const now = fstatSync(fd);
  if (now.uid === old.uid && now.gid === old.gid) return;
  try {
    fchownSync(fd, old.uid, old.gid);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "EINVAL") throw err;
    throw new OutputOwnerError(path, old, process.getuid?.() ?? old.uid);
  }
}
