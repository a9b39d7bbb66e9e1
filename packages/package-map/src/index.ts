// Interface first so @alpinize/dockerfile can build against it; the engine replaces the stub.
export type { MapContext, MappingKind, PackageDecision, PackageMap, PackageMapOptions } from "./types.js";
export { createPackageMap, DEFAULT_RELEASE, KNOWN_RELEASES } from "./stub.js";
