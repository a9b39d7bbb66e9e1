import { existsSync, readFileSync } from "node:fs";

const cache = new Map<string, Set<string> | undefined>();

/**
 * Package names in main or community of one release, read from the shared aports index (CI has
 * it), so a test checks emitted names against aports itself and not only against data/.
 */
export function aportsNames(release: string): Set<string> | undefined {
  if (cache.has(release)) return cache.get(release);
  const file = new URL(
    `../../../../shared/corpus/aports-index/aports-${release}.0-packages.tsv`,
    import.meta.url,
  );
  let names: Set<string> | undefined;
  if (existsSync(file)) {
    names = new Set();
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const [repo, , pkgname] = line.split("\t");
      if (pkgname && (repo === "main" || repo === "community")) names.add(pkgname);
    }
  }
  cache.set(release, names);
  return names;
}

export const SKIP_WITHOUT_APORTS =
  "../shared/corpus/aports-index is absent: the cross-check against aports is skipped";

const providedCache = new Map<string, Set<string> | undefined>();

/** Names packages of main or community provide (the index's provides column, versions dropped). */
export function aportsProvided(release: string): Set<string> | undefined {
  if (providedCache.has(release)) return providedCache.get(release);
  const file = new URL(
    `../../../../shared/corpus/aports-index/aports-${release}.0-packages.tsv`,
    import.meta.url,
  );
  let names: Set<string> | undefined;
  if (existsSync(file)) {
    names = new Set();
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const cols = line.split("\t");
      if (cols[0] !== "main" && cols[0] !== "community") continue;
      for (const p of (cols[8] ?? "").split(/\s+/)) if (p) names.add(p.replace(/[<>=~].*$/, ""));
    }
  }
  providedCache.set(release, names);
  return names;
}
