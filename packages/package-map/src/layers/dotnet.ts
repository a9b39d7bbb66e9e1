import type { Layer } from "./types.js";

// Microsoft's Debian repository (and Ubuntu's own) names the .NET packages dotnet-runtime-8.0,
// aspnetcore-runtime-8.0, dotnet-hostfxr-8.0…; Alpine's aport dotnet8-runtime makes dotnet8-runtime
// and the subpackages aspnetcore8-runtime, dotnet8-hostfxr… (`${_pkgver_macro//[.0]}` in the
// APKBUILD, which the static aports index reads as `8.0`: aspnetcore8.0-runtime; apk and other
// aports' depends spell aspnetcore8-runtime). The parts provide Microsoft's names, but a reason
// naming the provider as the index spells it named no package apk has, so each maps to apk's
// name. dotnet-sdk-8.0 is a provide of dotnet8-sdk, a real name, left to the exact layer. The
// release's own index decides which majors it has (6 up to 3.22, 10 from 3.23).
const MICROSOFT = /^(dotnet|aspnetcore)-(runtime|hostfxr|targeting-pack|apphost-pack)-(\d+)\.0$/;
/** The majors looked for to name what the release has instead (none before 6 was on Alpine). */
const MAJORS = [6, 7, 8, 9, 10, 11, 12];

const WHAT: Readonly<Record<string, string>> = {
  "dotnet-runtime": "runtime",
  "aspnetcore-runtime": "ASP.NET Core runtime",
  "dotnet-hostfxr": "host resolver (hostfxr)",
  "dotnet-targeting-pack": "targeting pack",
  "aspnetcore-targeting-pack": "ASP.NET Core targeting pack",
  "dotnet-apphost-pack": "apphost pack",
};

/**
 * Microsoft's `dotnet-runtime-deps-N.0` is only a list of the native libraries .NET loads; Alpine
 * has no such package (the aport makes none, the index has no provide of it). These are what
 * Microsoft's `runtime-deps:N.0-alpine` images add to Alpine (libgcc, libssl3, libstdc++, zlib)
 * and the ICU the Debian package depends on (Alpine's dotnetN-runtime depends on icu-libs too).
 */
const RUNTIME_DEPS = /^dotnet-runtime-deps-(\d+)\.0$/;
const RUNTIME_DEPS_LIBS = ["icu-libs", "libgcc", "libssl3", "libstdc++", "zlib"];

function runtimeDeps(name: string, env: Parameters<Layer>[1]): ReturnType<Layer> {
  const major = RUNTIME_DEPS.exec(name)?.[1];
  if (major === undefined || env.index.has(name)) return undefined;
  const libs = RUNTIME_DEPS_LIBS.filter((n) => env.index.has(n));
  if (libs.length !== RUNTIME_DEPS_LIBS.length) return undefined;
  return {
    alpine: libs,
    kind: "split",
    layer: "name-rule",
    reason: `Alpine has no .NET ${major}.0 runtime-deps package: these are the libraries a self-contained or native .NET ${major}.0 app loads (what Microsoft's runtime-deps:${major}.0-alpine image adds, and the ICU the Debian package brings; leave icu-libs out with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true); publish the app for linux-musl-x64 (or linux-musl-arm64), not linux-x64`,
  };
}

export const dotnetLayer: Layer = (name, env) => {
  const deps = runtimeDeps(name, env);
  if (deps) return deps;
  const m = MICROSOFT.exec(name);
  if (!m) return undefined;
  const [, family, part, major] = m as unknown as [string, string, string, string];
  const alpine = `${family}${major}-${part}`;
  const what = `.NET ${major}.0 ${WHAT[`${family}-${part}`]}`;
  // dotnet-runtime-N.0 is no provide of dotnetN-runtime: a name the index has is some other package.
  if (part === "runtime" && family === "dotnet" && env.index.has(name)) return undefined;
  if (has(env.index, family, major, part))
    return {
      alpine: [alpine],
      layer: "name-rule",
      reason: `the ${what}: Microsoft's ${name} is ${alpine} on Alpine (community, from the dotnet${major}-runtime aport)`,
    };
  const majors = MAJORS.map(String).filter((n) => has(env.index, family, n, part));
  const named = majors.map((n) => `${family}${n}-${part}`);
  return {
    alpine: [],
    kind: "unknown",
    layer: "unknown",
    reason: `Alpine ${env.release} has no ${what} in main or community${named.length > 0 ? ` (it has ${named.join(", ")})` : ""}: move the app to a major it has, or install .NET ${major}.0 with Microsoft's dotnet-install script`,
    ...(named.length > 0 ? { candidates: named } : {}),
  };
};

/**
 * Whether the release has `familyN-part` (`dotnet8-runtime`, the aport itself), or its
 * subpackage the index spells with the `.0` (`aspnetcore8.0-runtime` for aspnetcore8-runtime).
 */
function has(
  index: { isReal(name: string): boolean },
  family: string,
  major: string,
  part: string,
): boolean {
  return index.isReal(`${family}${major}-${part}`) || index.isReal(`${family}${major}.0-${part}`);
}
