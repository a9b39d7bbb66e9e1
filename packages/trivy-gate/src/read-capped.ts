import type { FileHandle } from "node:fs/promises";

/** Piece size for a source of unknown size (a pipe or device): each is filled before the next. */
const CHUNK = 1024 * 1024;

/**
 * Reads an open file from its start until its end or until more than `limit` bytes have come.
 * Returns the bytes, or `undefined` once over the limit: /dev/zero or a pipe that never ends
 * is refused after limit + 1 bytes, never held whole. A regular file (`size` known) is read
 * into one buffer of its size + 1 (to see growth); anything else in full 1 MiB pieces joined at
 * the end, so what is refused costs at most the limit in memory.
 */
export async function readCapped(
  handle: FileHandle,
  limit: number,
  size: number | undefined,
): Promise<Buffer | undefined> {
  const cap = limit + 1;
  const pieces: Buffer[] = [];
  let total = 0;
  for (;;) {
    const piece = Buffer.allocUnsafe(Math.min(cap - total, size === undefined ? CHUNK : size + 1));
    const got = await fill(handle, piece);
    pieces.push(piece.subarray(0, got));
    total += got;
    if (total >= cap) return undefined;
    if (got < piece.length) return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total);
  }
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

/** How a message names a file that is not a regular file, or undefined for a regular one. */
export function specialKind(info: {
  isFile(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isFIFO()) return "pipe";
  if (info.isCharacterDevice()) return "character device";
  if (info.isBlockDevice()) return "block device";
  if (info.isSocket()) return "socket";
  return "special file";
}
