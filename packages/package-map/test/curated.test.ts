import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";

const curated = JSON.parse(
  readFileSync(new URL("../data/curated.json", import.meta.url), "utf8"),
) as { packages: Record<string, { why: string }> };

// Curated entries that name packages a release does not have yet (the engine falls through).
const KNOWN_GAPS: Record<string, string[]> = {
  "3.21": ["libraqm-dev"],
  "3.22": ["libraqm-dev"],
};

describe.each(KNOWN_RELEASES)("curated entries on Alpine %s", (release) => {
  it("every entry resolves in the curated layer, with its evidence as the reason", () => {
    const pm = createPackageMap({ release });
    const fellThrough = Object.keys(curated.packages).filter((name) => {
      const d = pm.map(name);
      return !["override", "not-needed", "no-equivalent"].includes(d.layer);
    });
    expect(fellThrough).toEqual(KNOWN_GAPS[release] ?? []);
  });
});

describe("toolchain meta packages", () => {
  it("maps r-base-dev to R's headers plus the compilers R packages build with", () => {
    for (const release of KNOWN_RELEASES) {
      const d = createPackageMap({ release }).map("r-base-dev");
      expect(d.alpine).toEqual(["R-dev", "build-base", "gfortran"]);
      expect(d.kind).toBe("split");
    }
  });
});
