import { createHash } from "node:crypto";
import { readFileSync, type Stats, statSync } from "node:fs";
import { OutputChangedError } from "./errors.js";

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
 * The last look before the rename: size and time first, then the bytes. A writer that slips in
 * between this check and the rename is not noticed (no lock stops other programs).
 */
export function assertUnchanged(path: string, expected: ContentStamp): void {
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
