import { existsSync, readFileSync } from "node:fs";

/** One release's index rows of main or community, split on tabs; undefined when it is absent. */
function readRows(release: string): string[][] | undefined {
  const file = new URL(
    `../../../../shared/corpus/aports-index/aports-${release}.0-packages.tsv`,
    import.meta.url,
  );
  if (!existsSync(file)) return undefined;
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

export const SKIP_WITHOUT_APORTS =
  "../shared/corpus/aports-index is absent: the cross-check against aports is skipped";

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
