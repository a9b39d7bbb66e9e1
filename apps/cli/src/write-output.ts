import { createHash, randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "@alpinize/errors";

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

/** What a file held when it was read: size, modification time and sha256 of the bytes. */
export interface ContentStamp {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The stamp of `bytes`, read from a file whose stat (taken before the read) is `stats`. */
export function contentStamp(bytes: Uint8Array, stats: { mtimeMs: number }): ContentStamp {
  return { size: bytes.length, mtimeMs: stats.mtimeMs, sha256: sha256(bytes) };
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Thrown for a target that is a directory; carries `code: "EISDIR"` like the errno errors. */
export class OutputIsDirectoryError extends Error {
  readonly code = "EISDIR";
  readonly path: string;
  constructor(path: string) {
    super(`${path} is a directory`);
    this.name = "OutputIsDirectoryError";
    this.path = path;
  }
}

/**
 * Thrown for an existing file this user may not write (`access(W_OK)` fails, e.g. mode 0444):
 * renaming over it would work in a writable directory, but would ignore the file's own mode.
 */
export class OutputReadOnlyError extends Error {
  readonly code = "EACCES";
  readonly path: string;
  constructor(path: string, mode: number) {
    super(`read-only for this user (mode ${(mode & 0o7777).toString(8).padStart(4, "0")})`);
    this.name = "OutputReadOnlyError";
    this.path = path;
  }
}

/**
 * Thrown with `expected` when the file no longer holds what was read: someone wrote it (or
 * removed it) meanwhile. Nothing was written; `code: "ECHANGED"`.
 */
export class OutputChangedError extends Error {
  readonly code = "ECHANGED";
  readonly path: string;
  constructor(path: string, what: string) {
    super(`it changed while alpinize was working (${what}); it was left as it is now`);
    this.name = "OutputChangedError";
    this.path = path;
  }
}

/**
 * Thrown for an existing file whose owner or group this user cannot give the new file (not
 * root, another owner, or a group this user is not in): a rename would hand the file to this
 * user. Nothing was written; `code: "EPERM"`.
 */
export class OutputOwnerError extends Error {
  readonly code = "EPERM";
  readonly path: string;
  /** `owner`: another user's file; `group`: this user's file, of a group this user is not in. */
  readonly reason: "owner" | "group";
  readonly fileUid: number;
  readonly fileGid: number;
  constructor(path: string, old: Stats, uid: number) {
    const reason = old.uid !== uid ? "owner" : "group";
    const why =
      reason === "owner"
        ? `owned by uid ${old.uid}, not by you (uid ${uid}): replacing it would make it yours`
        : `its group ${old.gid} is not one of yours: replacing it would change its group`;
    super(`${why}, so it was left as it is (the file is replaced by a rename, never half written)`);
    this.name = "OutputOwnerError";
    this.path = path;
    this.reason = reason;
    this.fileUid = old.uid;
    this.fileGid = old.gid;
  }
}

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
    err instanceof OutputOwnerError
  )
    return err.message;
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/** Thrown with `inPlace` for a target that is not a regular file; `code: "ENOTREG"`. */
export class OutputNotRegularError extends Error {
  readonly code = "ENOTREG";
  readonly path: string;
  constructor(path: string) {
    super(`${path} is not a regular file (a pipe, device or /dev/fd path)`);
    this.name = "OutputNotRegularError";
    this.path = path;
  }
}

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
  const target: OutputTarget =
    path === "-" ? { kind: "own-fd", fd: 1 } : locate(resolve(options.cwd ?? process.cwd(), path));
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

/**
 * What writeOutput would do with `path`, without writing: `own-fd` (fd 1 or 2 itself), `fd-path`
 * (opened for appending), `special` (written into), `file` (replaced), `new`, `directory`.
 */
export function outputKind(path: string, cwd = process.cwd()): OutputTarget["kind"] {
  return outputTarget(path, cwd).kind;
}

/** Where writeOutput would write `path`: {@link outputKind} with the descriptor or real path. */
export function outputTarget(path: string, cwd = process.cwd()): OutputTarget {
  return path === "-" ? { kind: "own-fd", fd: 1 } : locate(resolve(cwd, path));
}

export type OutputTarget =
  | { kind: "own-fd"; fd: number }
  | { kind: "fd-path" | "special" | "directory"; path: string }
  | { kind: "file"; path: string; stats: Stats }
  | { kind: "new"; path: string };

/** /dev/stdout, /dev/fd/N, /proc/{self,thread-self,PID}[/task/TID]/fd/N: an open descriptor. */
const FD_PATH =
  /^(?:\/dev\/(?:std(in|out|err)|fd\/(\d+))|\/proc\/(self|thread-self|\d+)(?:\/task\/\d+)?\/fd\/(\d+))$/;
const STD_FD: Record<string, number> = { in: 0, out: 1, err: 2 };

function fdAlias(path: string): OutputTarget | undefined {
  const m = FD_PATH.exec(path);
  if (!m) return undefined;
  const fd = m[1] !== undefined ? STD_FD[m[1]]! : Number(m[2] ?? m[4]);
  const ours =
    m[3] === undefined || m[3] === "self" || m[3] === "thread-self" || Number(m[3]) === process.pid;
  // Our own stdout/stderr is written through the descriptor itself: it works for sockets
  // too, and never opens (let alone replaces) anything.
  if (ours && (fd === 1 || fd === 2)) return { kind: "own-fd", fd };
  return { kind: "fd-path", path };
}

/**
 * Follows the path one symlink at a time, so a chain that passes through an fd path (a link to
 * /proc/self/fd/1, whose own target may be `pipe:[N]` or the file the shell opened) is noticed
 * before realpath would hide it or fail on it.
 */
function locate(start: string): OutputTarget {
  let path = start;
  for (let hops = 0; hops < 64; hops++) {
    const alias = fdAlias(path);
    if (alias) return alias;
    const real = join(realpathSync(dirname(path)), basename(path));
    if (real !== path) {
      path = real;
      continue;
    }
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "new", path };
      throw err;
    }
    if (st.isSymbolicLink()) {
      const link = readlinkSync(path);
      // A /proc magic link to a pipe or socket: only opening the link itself reaches it.
      if (/^[a-z_]+:\[\d+\]$/.test(link)) return { kind: "fd-path", path };
      path = resolve(dirname(path), link);
      continue;
    }
    if (st.isFile()) return { kind: "file", path, stats: st };
    return { kind: st.isDirectory() ? "directory" : "special", path };
  }
  throw Object.assign(new Error(`${start}: too many levels of symbolic links`), { code: "ELOOP" });
}

/**
 * Opens without O_CREAT or O_TRUNC and writes. Returns false, having written nothing, when a
 * plain path (extra 0) turned out to open a regular file.
 */
function writeInto(path: string, bytes: Uint8Array, extra: number): boolean {
  const fd = openSync(path, constants.O_WRONLY | extra);
  try {
    if (extra === 0 && fstatSync(fd).isFile()) return false;
    writeAll(fd, bytes);
    return true;
  } finally {
    closeSync(fd);
  }
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

function replace(
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

/**
 * The last look before the rename: size and time first, then the bytes. A writer that slips in
 * between this check and the rename is not noticed (no lock stops other programs).
 */
function assertUnchanged(path: string, expected: ContentStamp): void {
  let now: Stats;
  try {
    now = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new OutputChangedError(path, "it was removed");
    throw err;
  }
  if (now.size !== expected.size)
    throw new OutputChangedError(path, `${expected.size} bytes when read, ${now.size} now`);
  if (now.mtimeMs !== expected.mtimeMs)
    throw new OutputChangedError(path, "its modification time moved");
  if (sha256(readFileSync(path)) !== expected.sha256)
    throw new OutputChangedError(path, "its content differs");
}

/** Makes the rename itself durable; some filesystems refuse fsync on a directory, which is fine. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing more to do
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes every byte. Node may have set our stdout pipe to non-blocking mode, so a full pipe
 * answers EAGAIN: wait a moment for the reader and go on, rather than dropping output.
 */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  let waited = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
      waited = 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN" || waited > 120_000) throw err;
      Atomics.wait(pause, 0, 0, 5);
      waited += 5;
    }
  }
}
