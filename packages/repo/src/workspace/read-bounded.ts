import { constants, type Stats } from "node:fs";
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
  const refuse = (options.special ?? "refuse") === "refuse";
  const handle = await open(path, constants.O_RDONLY | (refuse ? constants.O_NONBLOCK : 0));
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { status: "directory", info };
    const regular = info.isFile();
    if (!regular && refuse) return { status: "special", info };
    if (regular && info.size > limit && !options.head) return { status: "too-large", info };
    const bytes = await readPieces(handle, limit + 1, regular ? info.size + 1 : PIECE);
    if (bytes.length <= limit) return { status: "ok", bytes, info, truncated: false };
    if (!options.head) return { status: "too-large", info };
    return { status: "ok", bytes: bytes.subarray(0, limit), info, truncated: true };
  } finally {
    await handle.close();
  }
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
