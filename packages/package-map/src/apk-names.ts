import { releaseIndex } from "./release-index.js";
import { isKnownRelease } from "./releases.js";
import type { PackageMap } from "./types.js";

/**
 * Packages apk installs on every release alpinize has data for (3.21 to 3.24) that the index has
 * no row for: the index is read statically from APKBUILDs, and these come from code it does not
 * follow.
 */
const INDEX_GAPS: ReadonlySet<string> = new Set([
  // main/musl: the APKBUILD adds `$pkgname-utils` (getent, getconf, iconv, ldconfig) in a `case
  // "$BOOTSTRAP"` branch. main/alpine-base and main/abuild depend on it in every index.
  "musl-utils",
  // Made by main/libc-dev's `utils` subpackage (a meta package that depends on musl-utils), the
  // aport that also made libc-dev; the indexes have no libc-dev aport (musl-dev provides libc-dev).
  "libc-utils",
]);

/**
 * Whether `apk add NAME` finds a package on the map's release: a name or virtual of the index,
 * or one apk has that the static index is known to miss (`indexMisses`). A name this says no to
 * is missing for sure, as far as main and community at the release go: `alpinize check` and
 * `migrate --check` fail on it.
 */
export function apkHas(map: Pick<PackageMap, "exists" | "release">, name: string): boolean {
  return map.exists(name) || indexMisses(map, name);
}

/**
 * A name apk installs that the static index has no row for: `musl-utils`, `libc-utils`; a
 * subpackage of the default LLVM stream under its unversioned name (`clang-dev`, `llvm-static`:
 * clang19's `_default_replace` sets `provides="clang${subpkgname#$pkgname}"`, a helper function
 * the index does not run); a .NET name without the `.0` the index kept (dotnet8-runtime's
 * `${_pkgver_macro//[.0]}` makes `aspnetcore8-runtime`, read as `aspnetcore8.0-runtime`).
 */
export function indexMisses(map: Pick<PackageMap, "exists" | "release">, name: string): boolean {
  if (INDEX_GAPS.has(name)) return true;
  if (defaultStreamPart(map, name)) return true;
  const dotnet = /^([a-z]+\d+)(-.+)$/.exec(name);
  return dotnet !== null && map.exists(`${dotnet[1]}.0${dotnet[2]}`);
}

/** `clang-dev` where the default clang is clang19 (it provides `clang`) and clang19-dev exists. */
function defaultStreamPart(map: Pick<PackageMap, "exists" | "release">, name: string): boolean {
  if (!isKnownRelease(map.release)) return false;
  const index = releaseIndex(map.release);
  for (let dash = name.indexOf("-"); dash > 0; dash = name.indexOf("-", dash + 1)) {
    const family = name.slice(0, dash);
    const stream = (p: string) => p.startsWith(family) && /^\d+$/.test(p.slice(family.length));
    const part = name.slice(dash);
    if (index.providers(family).some((p) => stream(p) && map.exists(`${p}${part}`))) return true;
  }
  return false;
}
