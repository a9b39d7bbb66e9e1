import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, parseTrivyReport } from "../src/index.js";
import { gate, RUN_DATE, reportJson } from "./fail-closed-fixtures.js";
import { CORPUS, HAVE_CORPUS } from "./helpers.js";

// Found by a tester: a legacy report (no Metadata) of Debian 10.8 passed with a warning that it
// "does not name their operating system", though its OS packages result's Type and Target did.

const legacy = (results: object[]) => JSON.stringify(results);
const os = (target: string, type = "debian") => ({
  Target: target,
  Type: type,
  Vulnerabilities: null,
});

describe("a report without Metadata.OS: the OS its OS packages result names", () => {
  it("a legacy Debian 10 report is end of life (its Type and Target name it)", () => {
    const e = gate(legacy([os("img (debian 10.8)")]));
    expect(e.report.os).toEqual({ family: "debian", name: "10.8", eosl: false, fromResults: true });
    expect(e.osSupport).toMatchObject({ status: "ended", release: "10", source: "table" });
    expect(e.passed).toBe(false);
    expect(e.problems.map((p) => p.code)).toEqual(["eosl"]);
    expect(e.problems[0]!.message).toContain(
      "the report has no Metadata.OS, and its OS packages result names debian 10.8",
    );
    expect(e.warnings).toEqual([]);
  });

  it("--allow-eosl passes it; a supported release passes with no warning", () => {
    expect(gate(legacy([os("img (debian 10.8)")]), { allowEosl: true }).passed).toBe(true);
    const current = gate(legacy([os("img (debian 12.7)")]));
    expect([current.passed, current.osSupport?.status, current.warnings]).toEqual([
      true,
      "supported",
      [],
    ]);
  });

  it("several results of one type agreeing on the version are one OS", () => {
    const e = gate(legacy([os("a (debian 10.8)"), os("b (debian 10.8)")]));
    expect(e.report.os?.name).toBe("10.8");
  });

  it("targets that disagree on the version: the family alone, release unknown", () => {
    const e = gate(legacy([os("a (debian 10.8)"), os("b (debian 12.7)")]));
    expect(e.report.os).toMatchObject({ family: "debian", name: "" });
    expect(e.osSupport?.status).toBe("unknown");
    expect(e.warnings[0]).toContain("names the OS debian (its Type) but not one release");
  });

  it("a target naming another family than the Type gives no version", () => {
    const e = gate(legacy([os("img (alpine 3.20.3)")]));
    expect(e.report.os).toMatchObject({ family: "debian", name: "" });
  });

  it("results of several OS types: unknown, and the warning names them", () => {
    const e = gate(legacy([os("a (debian 10.8)"), os("b (alpine 3.20.3)", "alpine")]));
    expect(e.report.os).toBeUndefined();
    expect(e.osSupport?.status).toBe("unknown");
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(
      /^end-of-life status unknown: the report has no Metadata\.OS\.Family and its OS packages results are of several OS types \("debian", "alpine"\)/,
    );
    expect(e.warnings[0]).not.toContain("does not name");
    const strict = gate(legacy([os("a (debian 10.8)"), os("b (alpine 3.20.3)", "alpine")]), {
      strictEosl: true,
    });
    expect(strict.problems.map((p) => p.code)).toEqual(["eosl-unknown"]);
  });

  it("a schema 2 report with Metadata.OS keeps it: no reading of the results", () => {
    const e = gate(
      reportJson({
        name: "img",
        meta: { OS: { Family: "alpine", Name: "3.20.3" } },
        results: [{ Target: "img (alpine 3.20.3)", Class: "os-pkgs", Type: "alpine" }],
      }),
    );
    expect(e.report.os).toEqual({ family: "alpine", name: "3.20.3", eosl: false });
  });

  it("a report with no OS packages result names no OS", () => {
    const e = gate(legacy([{ Target: "package-lock.json", Type: "npm" }]));
    expect(e.report.os).toBeUndefined();
  });

  it.skipIf(!HAVE_CORPUS)("the corpus legacy report (Debian 10.8) fails as end of life", () => {
    const buf = readFileSync(join(CORPUS, "defectdojo__legacy_many_vulns.json"));
    const e = evaluate(
      parseTrivyReport(buf, { source: "legacy" }),
      defaultPolicy({ now: RUN_DATE, allowEosl: false }),
    );
    expect(e.report.os).toMatchObject({ family: "debian", name: "10.8" });
    expect(e.problems.map((p) => p.code)).toContain("eosl");
  });
});
