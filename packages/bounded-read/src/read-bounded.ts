import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Pieces } from "./pieces.js";

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
  | {
      status: "too-large";
      info: Stats;
      /**
       * Bytes read before the refusal: 0 when the size fstat gave was over the limit, else
       * `limit + 1` (a pipe or device, a file that grew or said size 0).
       */
      read: number;
    };

/** What a read with `special: "read"` gives: never "special". */
export type BoundedReadAny = Exclude<BoundedRead, { status: "special" }>;

/** Options that read a FIFO, socket or device rather than refuse it. */
export type ReadAnyOptions = ReadBoundedOptions & { special: "read" };

/**
 * Reads at most `limit` bytes of a file, never more than `limit + 1` into memory, whatever its
 * size says: a regular file over the limit by fstat is refused before any read, one that grows
 * meanwhile or claims size 0 (/proc) is stopped at `limit + 1`. The fstat that counts is the one
 * on the opened descriptor, so a file swapped for a FIFO after an earlier stat is still caught.
 * Errors from open or read (ENOENT, EACCES, ELOOP, EIO) are thrown as they are, for the caller
 * to word.
 */
export async function readBounded(
  path: string,
  limit: number,
  options: ReadAnyOptions,
): Promise<BoundedReadAny>;
export async function readBounded(
  path: string,
  limit: number,
  options?: ReadBoundedOptions,
): Promise<BoundedRead>;
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
    const pieces = new Pieces(limit + 1, firstPiece(info));
    for (let buf = pieces.next(); buf; buf = pieces.next()) pieces.add(await fill(handle, buf));
    return after(pieces, info, limit, options);
  } finally {
    await handle.close();
  }
}

/** {@link readBounded} for synchronous callers, with the same guarantees. */
export function readBoundedSync(
  path: string,
  limit: number,
  options: ReadAnyOptions,
): BoundedReadAny;
export function readBoundedSync(
  path: string,
  limit: number,
  options?: ReadBoundedOptions,
): BoundedRead;
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
    const pieces = new Pieces(limit + 1, firstPiece(info));
    for (let buf = pieces.next(); buf; buf = pieces.next()) pieces.add(fillSync(fd, buf));
    return after(pieces, info, limit, options);
  } finally {
    closeSync(fd);
  }
}

function openFlags(options: ReadBoundedOptions): number {
  return (
    constants.O_RDONLY |
    (refuses(options) ? constants.O_NONBLOCK : 0) |
    (options.noFollow ? constants.O_NOFOLLOW : 0)
  );
}

const refuses = (options: ReadBoundedOptions) => (options.special ?? "refuse") === "refuse";

/** The answer fstat alone gives, before any read: a folder, a refused special, too large. */
function before(info: Stats, limit: number, options: ReadBoundedOptions): BoundedRead | undefined {
  if (info.isDirectory()) return { status: "directory", info };
  const regular = info.isFile();
  if (!regular && refuses(options)) return { status: "special", info };
  if (regular && info.size > limit && !options.head) return { status: "too-large", info, read: 0 };
  return undefined;
}

/** A regular file's first piece fits its size and one byte more (to see growth). */
const firstPiece = (info: Stats) => (info.isFile() ? info.size + 1 : undefined);

function after(
  pieces: Pieces,
  info: Stats,
  limit: number,
  options: ReadBoundedOptions,
): BoundedRead {
  if (pieces.total <= limit) return { status: "ok", bytes: pieces.bytes(), info, truncated: false };
  if (!options.head) return { status: "too-large", info, read: pieces.total };
  return { status: "ok", bytes: pieces.bytes(limit), info, truncated: true };
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
