import type { OsInfo, ResultSummary } from "../types.js";

/** Trivy's OS packages target: the image, then `(family version)`, e.g. `img (debian 10.8)`. */
const TARGET_OS = /\(([^\s()]+) ([^\s()]+)\)$/;

/**
 * The OS a report without `Metadata.OS.Family` names all the same: legacy reports (before Trivy
 * v0.20) have no Metadata, yet Trivy wrote the OS family it scanned as the OS packages result's
 * `Type` and its version at the end of the `Target`. Read only when unambiguous: every OS
 * packages result has the one Type, and the version is the one every target (and a
 * `Metadata.OS.Name`, if given) agrees on; a version they disagree on, or none, is left empty.
 * Undefined with no OS packages result, or results of several types.
 */
export function osFromResults(results: ResultSummary[], stated?: OsInfo): OsInfo | undefined {
  const os = results.filter((r) => r.class === "os-pkgs");
  const families = new Set(os.map((r) => r.type));
  const family = families.size === 1 ? [...families][0]! : "";
  if (!family) return undefined;
  const versions = new Set<string>();
  if (stated?.name) versions.add(stated.name);
  for (const r of os) {
    const m = TARGET_OS.exec(r.target);
    // A target naming another family than its Type says nothing about the version.
    if (m && m[1]!.toLowerCase() === family.toLowerCase()) versions.add(m[2]!);
  }
  const name = versions.size === 1 ? [...versions][0]! : "";
  // An `EOSL` the report wrote beside no family still counts.
  const eosl = stated?.eoslStated
    ? { eosl: stated.eosl, eoslStated: true as const }
    : { eosl: false };
  return { family, name, ...eosl, fromResults: true };
}

/** The distinct `Type`s of the OS packages results, for a message when they disagree. */
export const osResultTypes = (results: ResultSummary[]): string[] => [
  ...new Set(results.filter((r) => r.class === "os-pkgs").map((r) => r.type)),
];
