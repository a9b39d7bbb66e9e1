import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

/** Piece size once the first piece (sized from fstat) is full: the file grew, or said size 0. */
const PIECE = 1024 * 1024;

export interface ReadBoundedOptions {
  /**
   * What to do with a FIFO, socket or device. "refuse" (the default): opened non-blocking so a
   * FIFO cannot hang the open, checked with fstat on that descriptor, closed without a read.
   * "read": a path the user named (`<(cmd)`, /dev/stdin) is opened and read, up to the limit.
   */
  special?: "refuse" | "read";
  /** Return the first `limit` bytes of a larger file (truncated: true) instead of "too-large". */
  head?: boolean;
  /** A symbolic link as the last part of the path is refused by open (ELOOP), not followed. */
  noFollow?: boolean;
}

export type BoundedRead =
  | { status: "ok"; bytes: Buffer; info: Stats; truncated: boolean }
  | { status: "directory"; info: Stats }
  | { status: "special"; info: Stats }
  | { status: "too-large"; info: Stats };

/**
 * Reads at most `limit` bytes of a file, never more than `limit + 1` into memory, whatever its
 * size says: a regular file over the limit by fstat is refused before any read, one that grows
 * meanwhile or claims size 0 (/proc) is stopped at `limit + 1`. The fstat that counts is the one
 * on the opened descriptor, so a file swapped for a FIFO after an earlier stat is still caught.
 * Errors from open or read (ENOENT, EACCES, ELOOP) are thrown as they are, for the caller to word.
 */
export async function readBounded(
  path: string,
  limit: number,
  options: ReadBoundedOptions = {},
): Promise<BoundedRead> {
  const handle = await open(path, openFlags(options));
  try {
    const info = await handle.stat();
    const early = before(info, limit, options);
    if (early) return early;
    const bytes = await readPieces(handle, limit + 1, firstPiece(info));
    return after(bytes, info, limit, options);
  } finally {
    await handle.close();
  }
}

/** {@link readBounded} for synchronous callers, with the same guarantees. */
export function readBoundedSync(
  path: string,
  limit: number,
  options: ReadBoundedOptions = {},
): BoundedRead {
  const fd = openSync(path, openFlags(options));
  try {
    const info = fstatSync(fd);
    const early = before(info, limit, options);
    if (early) return early;
    const cap = limit + 1;
    const pieces: Buffer[] = [];
    let total = 0;
    for (let size = Math.min(cap, firstPiece(info)); total < cap; ) {
      const piece = Buffer.allocUnsafe(size);
      const got = fillSync(fd, piece);
      pieces.push(piece.subarray(0, got));
      total += got;
      if (got < size) break;
      size = Math.min(cap - total, PIECE);
    }
    return after(Buffer.concat(pieces, total), info, limit, options);
  } finally {
    closeSync(fd);
  }
}

function openFlags(options: ReadBoundedOptions): number {
  const refuse = (options.special ?? "refuse") === "refuse";
  return (
    constants.O_RDONLY |
    (refuse ? constants.O_NONBLOCK : 0) |
    (options.noFollow ? constants.O_NOFOLLOW : 0)
  );
}

/** The answer fstat alone gives, before any read: a folder, a refused special, too large. */
function before(info: Stats, limit: number, options: ReadBoundedOptions): BoundedRead | undefined {
  if (info.isDirectory()) return { status: "directory", info };
  const regular = info.isFile();
  if (!regular && (options.special ?? "refuse") === "refuse") return { status: "special", info };
  if (regular && info.size > limit && !options.head) return { status: "too-large", info };
  return undefined;
}

/** A regular file's first piece fits its size and one byte more (to see growth). */
const firstPiece = (info: Stats) => (info.isFile() ? info.size + 1 : PIECE);

function after(
  bytes: Buffer,
  info: Stats,
  limit: number,
  options: ReadBoundedOptions,
): BoundedRead {
  if (bytes.length <= limit) return { status: "ok", bytes, info, truncated: false };
  if (!options.head) return { status: "too-large", info };
  return { status: "ok", bytes: bytes.subarray(0, limit), info, truncated: true };
}

/** Reads from the start until the end or `cap` bytes; the first piece is `first` bytes. */
async function readPieces(handle: FileHandle, cap: number, first: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let total = 0;
  let size = Math.min(cap, first);
  while (total < cap) {
    const piece = Buffer.allocUnsafe(size);
    const got = await fill(handle, piece);
    pieces.push(piece.subarray(0, got));
    total += got;
    if (got < piece.length) break;
    size = Math.min(cap - total, PIECE);
  }
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, total);
}

/** Reads until `buf` is full or the file ends; returns how many bytes came. */
async function fill(handle: FileHandle, buf: Buffer): Promise<number> {
  let n = 0;
  while (n < buf.length) {
    const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
    if (bytesRead === 0) break;
    n += bytesRead;
  }
  return n;
}

function fillSync(fd: number, buf: Buffer): number {
  let n = 0;
  while (n < buf.length) {
    const got = readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) break;
    n += got;
  }
  return n;
}
