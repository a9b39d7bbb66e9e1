import { createHash } from "node:crypto";
import { type Stats, statSync } from "node:fs";
import { readBoundedSync } from "@alpinize/bounded-read";

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

/**
 * The last look before a rename over `path` (every `--write`: migrate FILE and DIR, pin,
 * entrypoint): how the file differs from what was read, in a few words, or undefined when it
 * still holds the same bytes. Size and time first, then the bytes. A writer that slips in between
 * this look and the rename is not noticed (no lock stops other programs).
 */
export function changeSince(path: string, expected: ContentStamp): string | undefined {
  let now: Stats;
  try {
    now = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "it was removed";
    throw err;
  }
  if (now.size !== expected.size) return `${expected.size} bytes when read, ${now.size} now`;
  if (now.mtimeMs !== expected.mtimeMs) return "its modification time moved";
  // Read bounded through the descriptor's own fstat: swapped for a FIFO or device since the stat
  // above, it is neither waited on nor read without end.
  const got = readBoundedSync(path, expected.size);
  if (got.status === "too-large") return "its content differs";
  if (got.status !== "ok") return "it is no longer a regular file";
  if (sha256(got.bytes) !== expected.sha256) return "its content differs";
  return undefined;
}
