import type { Exception, VexStatement } from "../evaluation.js";
import { asciiUpper } from "../parse/ascii-case.js";
import { purlBase, purlVersion, safeDecode } from "../parse/purl.js";
import type { Finding } from "../types.js";
import { compareEcosystem } from "./ecosystem.js";
import { isImagePurl } from "./image.js";
import { compareTimes } from "./timestamp.js";

/**
 * Whether a package URL (from an exception or VEX) names the finding's package: `match`, `other`,
 * or, for a report without PURLs whose package ecosystem cannot be established, why not.
 */
export function comparePurl(
  purl: string,
  f: Finding,
): "match" | "other" | { undetermined: string } {
  const base = purlBase(purl);
  const version = purlVersion(purl);
  if (version !== undefined && version !== f.installed) return "other";
  if (f.purl) return f.purl === base ? "match" : "other";
  // Reports older than PkgIdentifier: the package name, and the ecosystem from the result type
  // (a VEX statement about npm's `openssl` must not pass Alpine's).
  const name = safeDecode(base.slice(base.lastIndexOf("/") + 1));
  if (name !== f.pkgName.toLowerCase()) return "other";
  const ecosystem = compareEcosystem(base, f);
  return ecosystem === "same" ? "match" : ecosystem;
}

/** {@link comparePurl} as a yes/no: an undetermined ecosystem is no. */
export const purlMatches = (purl: string, f: Finding): boolean => comparePurl(purl, f) === "match";

export function exceptionMatches(ex: Exception, f: Finding): boolean {
  if (asciiUpper(ex.id) !== asciiUpper(f.id)) return false;
  if (ex.package !== undefined && ex.package !== f.pkgName) return false;
  if (ex.purl !== undefined && !purlMatches(ex.purl, f)) return false;
  return true;
}

/**
 * Whether a VEX statement covers a finding. An image product (`pkg:oci`, `pkg:docker`), bare or
 * with subcomponents, covers it only when `mismatch` finds the product names this report's
 * image; each one that would have applied otherwise is passed to `ignored` with the reason. So
 * is a package PURL whose name fits a finding of a report without PURLs when the finding's
 * ecosystem cannot be established: it is not applied.
 */
export function vexMatches(
  st: VexStatement,
  f: Finding,
  mismatch: (imagePurl: string) => string | undefined,
  ignored: (product: string, reason: string) => void,
): boolean {
  const id = asciiUpper(f.id);
  if (asciiUpper(st.vulnerability) !== id && !st.aliases.some((a) => asciiUpper(a) === id))
    return false;
  const names = (p: string) => {
    if (!p.startsWith("pkg:")) return false;
    const m = comparePurl(p, f);
    if (typeof m === "object") ignored(p, m.undetermined);
    return m === "match";
  };
  for (const product of st.products) {
    const subs = product.subcomponents;
    if (isImagePurl(product.id)) {
      if (subs.length > 0 && !subs.some(names)) continue;
      const why = mismatch(product.id);
      if (why === undefined) return true;
      ignored(product.id, why);
      continue;
    }
    if (names(product.id) || subs.some(names)) return true;
  }
  return false;
}

// Of statements equally new, the one that lets less through wins.
const BLOCKING_RANK: Record<VexStatement["status"], number> = {
  not_affected: 0,
  fixed: 1,
  under_investigation: 2,
  affected: 3,
};

/**
 * Of several statements about one finding, the newest (by real time, offsets applied) wins;
 * statements without a timestamp count as the oldest; ties go to the most blocking status.
 */
export function latestStatement(statements: VexStatement[]): VexStatement | undefined {
  let best: VexStatement | undefined;
  for (const s of statements) {
    if (!best) {
      best = s;
      continue;
    }
    const d = compareTimes(s, best);
    if (d > 0 || (d === 0 && BLOCKING_RANK[s.status] > BLOCKING_RANK[best.status])) best = s;
  }
  return best;
}
