import type { Exception, VexStatement } from "../evaluation.js";
import { purlBase, purlVersion } from "../parse/purl.js";
import type { Finding } from "../types.js";

/** Whether a package URL (from an exception or VEX) names the finding's package. */
export function purlMatches(purl: string, f: Finding): boolean {
  const base = purlBase(purl);
  const version = purlVersion(purl);
  if (version !== undefined && version !== f.installed) return false;
  if (f.purl) return f.purl === base;
  // Reports older than PkgIdentifier: compare the package name only.
  const name = decodeURIComponent(base.slice(base.lastIndexOf("/") + 1));
  return name === f.pkgName.toLowerCase();
}

export function exceptionMatches(ex: Exception, f: Finding): boolean {
  if (ex.id.toUpperCase() !== f.id.toUpperCase()) return false;
  if (ex.package !== undefined && ex.package !== f.pkgName) return false;
  if (ex.purl !== undefined && !purlMatches(ex.purl, f)) return false;
  return true;
}

export function vexMatches(st: VexStatement, f: Finding): boolean {
  const id = f.id.toUpperCase();
  if (st.vulnerability.toUpperCase() !== id && !st.aliases.some((a) => a.toUpperCase() === id))
    return false;
  if (st.imageWide) return true;
  return st.products.some((p) => p.startsWith("pkg:") && purlMatches(p, f));
}

/** Of several statements about one finding, the newest wins (document order breaks ties). */
export function latestStatement(statements: VexStatement[]): VexStatement | undefined {
  let best: VexStatement | undefined;
  for (const s of statements) {
    if (!best || (s.timestamp ?? "") >= (best.timestamp ?? "")) best = s;
  }
  return best;
}
