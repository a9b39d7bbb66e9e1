import { realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * The Dockerfiles to check, each once: one reached twice (`check c1 c1/b.Dockerfile`, `check c1
 * ./c1`, or through a linked folder) was checked and counted twice. Keyed on its folder's real
 * path and its own name: a link named like a Dockerfile stays itself, reported as not followed.
 */
export async function reachedOnce<T extends { file: string }>(entries: readonly T[]): Promise<T[]> {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const entry of entries) {
    const key = await realKey(entry.file);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(entry);
  }
  return kept;
}

async function realKey(file: string): Promise<string> {
  // A folder that cannot be resolved is left to the read to report: keyed as given.
  const folder = await realpath(dirname(file)).catch(() => dirname(file));
  return join(folder, basename(file));
}
