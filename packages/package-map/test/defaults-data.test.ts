import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aportsIndexFile } from "./aports-index.js";

// The single-stream defaults in curated.json (one GCC, one python3, one ruby per release) are
// written by hand; the Alpine package indexes beside the repository say what each release ships.
const curated = JSON.parse(
  readFileSync(fileURLToPath(new URL("../data/curated.json", import.meta.url)), "utf8"),
) as { defaults: Record<string, Record<string, string>> };
/** pkgname → version ("15.2.0-r5") from one release's index (throws under CI when it is absent). */
function versions(release: string): Map<string, string> | undefined {
  const file = aportsIndexFile(release);
  if (file === undefined) return undefined;
  const out = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
    const cols = line.split("\t");
    if (cols[2] && cols[4]) out.set(cols[2], cols[4]);
  }
  return out;
}

const STREAMS: Record<string, { pkg: string; parts: number }> = {
  gcc: { pkg: "gcc", parts: 1 },
  python: { pkg: "python3", parts: 2 },
  ruby: { pkg: "ruby", parts: 2 },
};

describe("curated single-stream defaults", () => {
  for (const [release, defaults] of Object.entries(curated.defaults)) {
    const index = versions(release);
    it.skipIf(!index)(`match what Alpine ${release} ships (index in the shared corpus)`, () => {
      for (const [family, { pkg, parts }] of Object.entries(STREAMS)) {
        const version = index!.get(pkg);
        expect(version, `${pkg} in Alpine ${release}`).toBeDefined();
        const shipped = version!.split(".").slice(0, parts).join(".");
        expect(defaults[family], `${family} default for ${release}`).toBe(shipped);
      }
    });
  }
});
