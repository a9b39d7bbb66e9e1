export { apkHas, indexMisses } from "./apk-names.js";
export { createPackageMap } from "./engine.js";
export { isDebianPackageName } from "./names.js";
export { DEFAULT_RELEASE, isKnownRelease, KNOWN_RELEASES } from "./releases.js";
export type {
  EvidenceStep,
  Explanation,
  MapContext,
  MappingKind,
  PackageDecision,
  PackageMap,
  PackageMapOptions,
} from "./types.js";
export { TYPO_SEARCH_LIMIT } from "./typo-searches.js";
