import type { Layer } from "./types.js";

// Microsoft's Debian repository (and Ubuntu's own) names the .NET runtime dotnet-runtime-8.0;
// Alpine's aport is dotnet8-runtime, which provides no such name (aspnetcore-runtime-8.0 and
// dotnet-sdk-8.0 are provides of Alpine's packages, left to the exact layer). The release's own
// index decides which majors it has (6 up to 3.22, 10 from 3.23).
const DEBIAN_RUNTIME = /^dotnet-runtime-(\d+)\.0$/;
/** The majors looked for to name what the release has instead (none before 6 was on Alpine). */
const MAJORS = [6, 7, 8, 9, 10, 11, 12];

export const dotnetLayer: Layer = (name, env) => {
  const major = DEBIAN_RUNTIME.exec(name)?.[1];
  if (major === undefined || env.index.has(name)) return undefined;
  const alpine = `dotnet${major}-runtime`;
  if (env.index.has(alpine))
    return {
      alpine: [alpine],
      layer: "name-rule",
      reason: `the .NET ${major}.0 runtime: Microsoft's ${name} is ${alpine} on Alpine (community)`,
    };
  const majors = MAJORS.map((n) => `dotnet${n}-runtime`).filter((n) => env.index.isReal(n));
  return {
    alpine: [],
    kind: "unknown",
    layer: "unknown",
    reason: `Alpine ${env.release} has no .NET ${major}.0 runtime in main or community${majors.length > 0 ? ` (it has ${majors.join(", ")})` : ""}: move the app to a major it has, or install .NET ${major}.0 with Microsoft's dotnet-install script`,
    ...(majors.length > 0 ? { candidates: majors } : {}),
  };
};
