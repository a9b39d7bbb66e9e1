import { apkHas, type PackageMap } from "@alpinize/package-map";
import type { Stage } from "../stages.js";
import { type ApkChange, packageName } from "./apk-change.js";

/**
 * The names of an `apk add` the release's index (main, community) lacks; none for an `apk del`,
 * a call that adds a repository (`-X`), and words the index cannot judge: `name@tag` (a tagged
 * repository), `so:`/`cmd:`/`pc:` provides made at build time, virtual names, variables, files.
 */
export function missingNames(change: ApkChange, map: PackageMap): string[] {
  if (change.verb !== "add" || change.repository) return [];
  const out = new Set<string>();
  for (const word of change.words) {
    if (word.includes("@") || word.includes(":") || word.startsWith(".")) continue;
    const name = packageName(word);
    if (name !== undefined && !apkHas(map, name)) out.add(name);
  }
  return [...out];
}

/**
 * What an `apk add` installs: nothing when one of its names is missing, as apk stops before it
 * installs any (`apk add shadow nosuch || true` leaves no useradd), else the call as it is. An
 * empty add, not none, so an `if` branch whose add fails still counts as a branch that added nothing.
 */
export function installedBy(change: ApkChange, map: PackageMap | undefined): ApkChange {
  if (map === undefined || missingNames(change, map).length === 0) return change;
  return { verb: "add", words: [] };
}

/** The stage, or one it builds on, writes /etc/apk/repositories (edge, testing, a tagged repo). */
export function addsRepositories(stage: Stage): boolean {
  const seen = new Set<Stage>();
  for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    if (s.body.some((i) => i.keyword === "RUN" && i.args.text.includes("/etc/apk/repositories")))
      return true;
  }
  return false;
}
