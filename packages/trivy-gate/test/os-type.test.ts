import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, parseTrivyReport, render } from "../src/index.js";
import { gate, reportJson, vuln } from "./fail-closed-fixtures.js";
import { corpusFiles, loadCorpus, thrown } from "./helpers.js";

// Trivy writes the OS packages result's Type from the OS it detected, the same value as
// Metadata.OS.Family. A result with no Type, or one of another OS than the report names,
// passed as a clean scan of the named OS.

const osResult = (extra: object = {}) => ({
  Target: "x (alpine 3.23.0)",
  Class: "os-pkgs",
  Type: "alpine",
  ...extra,
});

describe("an OS packages result with no Type is malformed (exit 2)", () => {
  it.each([
    ["missing", { Type: undefined }],
    ["empty", { Type: "" }],
  ])("Type %s", (_label, extra) => {
    const json = reportJson({ results: [osResult(extra)] });
    const err = thrown(() => parseTrivyReport(json, { source: "r.json" }));
    expect([err.code, err.exitCode]).toEqual(["ALPINIZE_GATE_REPORT_INVALID", 2]);
    expect(err.message).toMatch(/^r\.json: Results\[0\]\.Type: an OS packages result .* no Type/);
  });

  it("with findings too, and after other results (the path names the right one)", () => {
    const json = reportJson({
      results: [
        { Target: "app/package-lock.json", Class: "lang-pkgs", Type: "npm" },
        osResult({ Type: undefined, Vulnerabilities: [vuln()] }),
      ],
    });
    expect(thrown(() => parseTrivyReport(json)).message).toContain("Results[1].Type");
  });

  it("other classes may omit Type, as Trivy's secret results do", () => {
    const json = reportJson({ results: [osResult(), { Target: "app/.env", Class: "secret" }] });
    expect(gate(json).passed).toBe(true);
  });
});

describe("an OS packages result of another OS than Metadata.OS is a failure (exit 1)", () => {
  it("alpine named, debian scanned: both named, in every format", () => {
    const e = gate(reportJson({ results: [osResult({ Type: "debian" })] }));
    expect([e.passed, e.problems.map((p) => p.code)]).toEqual([false, ["os-type-mismatch"]]);
    const message = e.problems[0]?.message ?? "";
    expect(message).toContain('Metadata.OS.Family "alpine"');
    expect(message).toContain('Results[0] (x (alpine 3.23.0)) has Type "debian"');
    expect(message).toContain("this is not a pass");
    expect(render(e, "markdown")).not.toContain("No vulnerabilities found");
    expect(JSON.parse(render(e, "json")).problems[0].code).toBe("os-type-mismatch");
  });

  it.each([
    // Trivy's families are distinct strings: ubuntu is not debian, rocky not redhat.
    ["debian", "ubuntu"],
    ["redhat", "centos"],
    ["opensuse.leap", "opensuse.tumbleweed"],
    // Exactly as written: Trivy never changes the case of one of them.
    ["alpine", "Alpine"],
  ])("Family %s, Type %s", (family, type) => {
    const json = reportJson({
      meta: { OS: { Family: family, Name: "1" } },
      results: [osResult({ Type: type })],
    });
    expect(gate(json).problems.map((p) => p.code)).toEqual(["os-type-mismatch"]);
  });

  it("one problem for many such results, the first five listed", () => {
    const results = Array.from({ length: 7 }, (_, i) => osResult({ Type: `other${i}` }));
    const [problem, ...rest] = gate(reportJson({ results: [osResult(), ...results] })).problems;
    expect(rest).toEqual([]);
    expect(problem?.message).toContain('Results[5] (x (alpine 3.23.0)) has Type "other4"');
    expect(problem?.message).not.toContain("Results[6]");
    expect(problem?.message).toContain("and 2 more");
  });

  it("--allow-unknown-os and --allow-eosl do not accept it", () => {
    const json = reportJson({ results: [osResult({ Type: "debian" })] });
    expect(gate(json, { allowUnknownOs: true, allowEosl: true }).passed).toBe(false);
  });

  it.each(["alpine", "wolfi", "redhat", "opensuse.leap", "suse linux enterprise server"])(
    "Type equal to the Family (%s) passes",
    (family) => {
      const json = reportJson({
        meta: { OS: { Family: family, Name: "1" } },
        results: [osResult({ Type: family })],
      });
      expect(gate(json).problems).toEqual([]);
    },
  );

  it("without Metadata.OS there is nothing to compare with", () => {
    const json = JSON.stringify({
      SchemaVersion: 2,
      ArtifactType: "container_image",
      Results: [osResult({ Type: "debian" })],
    });
    expect(gate(json).problems).toEqual([]);
  });

  it("every corpus report keeps its problems: their OS results carry the OS family", () => {
    for (const name of corpusFiles()) {
      const e = evaluate(loadCorpus(name), defaultPolicy());
      expect(
        e.problems.map((p) => p.code),
        name,
      ).not.toContain("os-type-mismatch");
    }
  });
});
