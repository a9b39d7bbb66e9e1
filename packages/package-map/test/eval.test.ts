import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readEvalList, score } from "../scripts/lib/eval.mjs";
import { createPackageMap } from "../src/index.js";

const rows = readEvalList(
  readFileSync(new URL("../eval/top-debian-3.23.tsv", import.meta.url), "utf8"),
);

describe("evaluation list for Alpine 3.23", () => {
  const pm = createPackageMap({ release: "3.23" });

  it("holds a few hundred rows, certain and uncertain apart, with keys that exist", () => {
    expect(rows.length).toBeGreaterThanOrEqual(250);
    expect(new Set(rows.map((r) => r.confidence))).toEqual(new Set(["certain", "uncertain"]));
    const missing = rows.flatMap((r) => r.alpine.filter((a) => !pm.exists(a)));
    expect(missing).toEqual([]);
  });

  it("agrees exactly on at least 95% of the certain rows", () => {
    const s = score(rows, (n) => pm.map(n)).certain;
    expect(s, JSON.stringify(s?.misses, null, 1)).toBeDefined();
    expect((s?.agree ?? 0) / (s?.total ?? 1)).toBeGreaterThanOrEqual(0.95);
  });

  it("generalises: rules and generated data alone agree on most certain rows", () => {
    const rulesOnly = createPackageMap({ release: "3.23", curated: false });
    const s = score(rows, (n) => rulesOnly.map(n)).certain;
    // A floor well under the measured 92%: it catches a broken join, not a quality target.
    expect((s?.agree ?? 0) / (s?.total ?? 1)).toBeGreaterThanOrEqual(0.8);
  });
});
