import { describe, expect, it } from "vitest";
import { createPackageMap, TYPO_SEARCH_LIMIT } from "../src/index.js";
import { distanceWithin, nearestNames } from "../src/nearest.js";

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

describe("distanceWithin (banded, bounded Levenshtein)", () => {
  it("agrees with the full table whenever the distance is within the bound", () => {
    // A fixed pseudo-random walk over a small alphabet, so near strings are common.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = () => Array.from({ length: 1 + rand(9) }, () => "abc-"[rand(4)]).join("");
    for (let k = 0; k < 3000; k++) {
      const [a, b, max] = [word(), word(), rand(4)];
      const full = levenshtein(a, b);
      expect(distanceWithin(a, b, max), `${a} ${b} ${max}`).toBe(full <= max ? full : max + 1);
    }
  });

  it("nearestNames ranks by distance, then length, then name", () => {
    const names = ["curl-dev", "curl-doc", "curl", "cur-dev", "xurl-dev"];
    const bucket = (len: number, first: string) =>
      names.filter((n) => n.length === len && n[0] === first);
    // curl-doc is 3 edits away (the budget for 9 characters is 2); xurl-dev is 2 away but
    // differs in the first letter, which the search does not vary.
    expect(nearestNames("curl-devv", bucket, 5).map((n) => n.name)).toEqual([
      "curl-dev",
      "cur-dev",
    ]);
  });
});

describe("packages map: typos get the closest real names", () => {
  const pm = createPackageMap({ release: "3.23" });
  it.each([
    ["python3-requets", "py3-requests"],
    ["libpng-devv", "libpng-dev"],
    ["curl-devv", "curl-dev"],
    ["nginxx", "nginx"],
    ["libxml2-dve", "libxml2-dev"],
  ])("%s → unknown, closest first: %s", (typo, best) => {
    const d = pm.map(typo);
    expect(d.kind).toBe("unknown");
    expect(d.candidates?.[0]).toBe(best);
    expect(d.candidates!.length).toBeLessThanOrEqual(5);
    for (const c of d.candidates!) expect(pm.exists(c), c).toBe(true);
  });
});

describe("packages map: shared library by name needs a library", () => {
  const pm = createPackageMap({ release: "3.23" });
  it("libzzz1 is not the zzz tool (origin zzz has no -dev or -libs)", () => {
    const d = pm.map("libzzz1");
    expect(d.alpine).toEqual([]);
    expect(d.kind).toBe("unknown");
    expect(d.candidates ?? []).not.toContain("zzz");
  });

  it("a stem that is a library's package still maps", () => {
    // zstd's origin builds zstd-libs and zstd-dev; libpng is named lib….
    expect(pm.map("libzstd9").alpine).toEqual(["zstd-libs"]);
    expect(pm.map("libpng16-16").alpine).toEqual(["libpng"]);
  });
});

describe("the typo search's bound", () => {
  it("searches each name once and only the first typoSearchLimit distinct names", () => {
    const pm = createPackageMap({ release: "3.23", typoSearchLimit: 2 });
    const first = pm.map("python3-requets");
    expect(first.candidates?.[0]).toBe("py3-requests");
    expect(first.reason).not.toMatch(/no typo search/);
    pm.map("libpng-devv");
    // A name already searched keeps its answer once the limit is spent.
    expect(pm.map("python3-requets")).toEqual(first);
    const late = pm.map("nginx-dev");
    expect(late.kind).toBe("unknown");
    expect(late.reason).toMatch(
      /; no typo search for it \(this package map searches the first 2 distinct unknown names only\)$/,
    );
    // The candidates sharing the stem are still given, not the typo search's (nix-dev).
    expect(late.candidates).toContain("nginx");
    expect(late.candidates).not.toContain("nix-dev");
    const fresh = createPackageMap({ release: "3.23" }).map("nginx-dev");
    expect(fresh.reason).not.toMatch(/no typo search/);
    expect(fresh.candidates).toContain("nix-dev");
  });

  it("defaults to TYPO_SEARCH_LIMIT names", () => {
    expect(TYPO_SEARCH_LIMIT).toBe(2_000);
    const pm = createPackageMap({ release: "3.23" });
    for (let i = 0; i < TYPO_SEARCH_LIMIT; i++) pm.map(`zq${i}`);
    expect(pm.map("zq-next").reason).toMatch(/no typo search/);
  });
});
