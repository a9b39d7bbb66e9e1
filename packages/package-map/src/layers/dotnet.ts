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

export const dotnetLayer: Layer = (name, env) => {
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
