import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The variable that names the shared corpus folder (the one holding pairs/), as for bench/corpus.mjs. */
export const CORPUS_DIR_VARIABLE = "ALPINIZE_CORPUS_DIR";

/** Environment variables as a test passes them in (process.env by default). */
export type CorpusEnv = Readonly<Record<string, string | undefined>>;

/**
 * The shared corpus: ALPINIZE_CORPUS_DIR, else ../shared/corpus beside the repository. This file
 * and the built dist/index.js sit at the same depth, so the relative path fits both. `env` lets a
 * test of a lookup built on this one pass its own variables.
 */
export function sharedCorpusDir(env: CorpusEnv = process.env): string {
  const named = env[CORPUS_DIR_VARIABLE];
  if (named) return named;
  return fileURLToPath(new URL("../../../../shared/corpus", import.meta.url));
}

/** A path inside the shared corpus (`corpusPath("alpine-rootfs", "group")`). */
export function corpusPath(...parts: string[]): string {
  return join(sharedCorpusDir(), ...parts);
}

/**
 * Why a test that reads `path` from the shared corpus is skipped, or undefined when it is there.
 * CI has the corpus, so a missing one skips rather than fails, and the note says how to point
 * the tests at a copy elsewhere.
 */
export function corpusSkipReason(path: string): string | undefined {
  if (existsSync(path)) return undefined;
  return `${path} not found: put the shared corpus beside the repository as ../shared/corpus, or set ${CORPUS_DIR_VARIABLE} to its folder (the one holding pairs/ and alpine-rootfs/)`;
}
