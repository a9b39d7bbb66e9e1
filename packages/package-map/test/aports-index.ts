import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_DIR_VARIABLE, type CorpusEnv as Env, sharedCorpusDir } from "@alpinize/testkit";

/**
 * The aports index folder: APORTS_INDEX_DIR as for scripts/generate.mjs, else aports-index/ in
 * the shared corpus (ALPINIZE_CORPUS_DIR, else ../shared/corpus beside the repository).
 */
export const aportsIndexDir = (env: Env = process.env): string =>
  env.APORTS_INDEX_DIR || join(sharedCorpusDir(env), "aports-index");

const WHERE = `put ../shared/corpus beside the repository, or set ${CORPUS_DIR_VARIABLE} to the corpus folder or APORTS_INDEX_DIR to its aports-index/`;

/** Same reading of CI as the CLI's: set, and not empty, false, 0 or no. */
const inCi = (env: Env) => env.CI !== undefined && !/^(?:|false|0|no)$/i.test(env.CI);

/**
 * One release's index file, or undefined when it is absent outside CI. CI always has the corpus
 * beside the repository, so there a missing file fails the test rather than skipping it in silence.
 */
export function aportsIndexFile(release: string, env: Env = process.env): string | undefined {
  const file = join(aportsIndexDir(env), `aports-${release}.0-packages.tsv`);
  if (existsSync(file)) return file;
  if (inCi(env)) throw new Error(`${file} is absent and CI is set: ${WHERE}`);
  return undefined;
}

/** One release's index rows of main or community, split on tabs; undefined when it is absent. */
function readRows(release: string): string[][] | undefined {
  const file = aportsIndexFile(release);
  if (file === undefined) return undefined;
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.split("\t"))
    .filter((cols) => cols[0] === "main" || cols[0] === "community");
}

/** Reads one release's names once, with `pick` giving each row's names. */
function cachedNames(
  cache: Map<string, Set<string> | undefined>,
  release: string,
  pick: (cols: string[]) => Iterable<string>,
): Set<string> | undefined {
  if (cache.has(release)) return cache.get(release);
  const rows = readRows(release);
  const names = rows && new Set(rows.flatMap((cols) => [...pick(cols)]));
  cache.set(release, names);
  return names;
}

const namesCache = new Map<string, Set<string> | undefined>();

/**
 * Package names in main or community of one release, read from the shared aports index (CI has
 * it), so a test checks emitted names against aports itself and not only against data/.
 */
export function aportsNames(release: string): Set<string> | undefined {
  return cachedNames(namesCache, release, (cols) => (cols[2] ? [cols[2]] : []));
}

export const SKIP_WITHOUT_APORTS = `${aportsIndexDir()} is absent (${WHERE}): the cross-check against aports is skipped`;

const providedCache = new Map<string, Set<string> | undefined>();

/** Names packages of main or community provide (the index's provides column, versions dropped). */
export function aportsProvided(release: string): Set<string> | undefined {
  return cachedNames(providedCache, release, (cols) =>
    (cols[8] ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((p) => p.replace(/[<>=~].*$/, "")),
  );
}
