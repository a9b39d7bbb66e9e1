import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPackageMap } from "../src/index.js";
import { aportsIndexFile, SKIP_WITHOUT_APORTS } from "./aports-index.js";

// A tester found `packages map gosu --alpine 3.21` unknown (exit 1) and `explain` saying gosu has
// no Alpine origin, while migrate installs su-exec there: 3.21 has gosu only in testing.

describe("gosu", () => {
  it("maps to su-exec on Alpine 3.21, where gosu is only in testing, as migrate does", () => {
    const pm = createPackageMap({ release: "3.21" });
    expect(pm.exists("gosu")).toBe(false);
    const d = pm.map("gosu");
    expect(d).toMatchObject({ alpine: ["su-exec"], kind: "renamed" });
    expect(d.reason).toContain("only in Alpine 3.21's testing repository");
    const steps = pm
      .explain("gosu")
      .steps.map((s) => s.detail ?? "")
      .join("\n");
    expect(steps).not.toContain("no Alpine origin");
  });

  it.each(["3.22", "3.23", "3.24"])(
    "stays gosu on Alpine %s, naming migrate's su-exec",
    (release) => {
      const d = createPackageMap({ release }).map("gosu");
      expect(d).toMatchObject({ alpine: ["gosu"], kind: "exact" });
      expect(d.reason).toContain("alpinize migrate installs su-exec instead");
    },
  );
});

describe("gosu in the aports index", () => {
  it("is in testing, not main or community, in 3.21, which is why map says so", (ctx) => {
    const file = aportsIndexFile("3.21");
    if (!file) return ctx.skip(SKIP_WITHOUT_APORTS);
    const repos = readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.split("\t"))
      .filter((cols) => cols[2] === "gosu")
      .map((cols) => cols[0]);
    expect(repos).toEqual(["testing"]);
  });
});
