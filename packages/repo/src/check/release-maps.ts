import { createPackageMap, type PackageMap } from "@alpinize/package-map";

const maps = new Map<string, PackageMap>();

/**
 * The package map of one Alpine release, made once per process: the Debian-layout advice and the
 * apk name check both read it, and each loading the index of the same release was the work twice.
 */
export function releasePackageMap(release: string): PackageMap {
  let map = maps.get(release);
  if (!map) {
    map = createPackageMap({ release });
    maps.set(release, map);
  }
  return map;
}
