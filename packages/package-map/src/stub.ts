import type { PackageMap, PackageMapOptions } from "./types.js";

export const KNOWN_RELEASES = ["3.21", "3.22", "3.23", "3.24"] as const;
export const DEFAULT_RELEASE = "3.24";

/** Placeholder engine: keeps every name and calls it unknown. Replaced by the real engine. */
export function createPackageMap(options: PackageMapOptions = {}): PackageMap {
  const release = options.release ?? DEFAULT_RELEASE;
  return {
    release,
    map: (debian) => ({ debian, alpine: [debian], kind: "unknown", reason: "placeholder engine", layer: "unknown" }),
    exists: () => false,
  };
}
