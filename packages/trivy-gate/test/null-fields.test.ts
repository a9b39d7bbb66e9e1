import { describe, expect, it } from "vitest";
import { parseTrivyReport } from "../src/index.js";
import { gate, reportJson, vuln } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// A tester set Results[0].Vulnerabilities of a real report to null and it passed: null read as
// "no findings", while `{}` was refused as the wrong type. Schema 2 Trivy leaves an empty field
// out (its Go types are omitempty), so null there is an edit; legacy reports did write it.

const osResult = (extra: object = {}) => ({
  Target: "x (alpine 3.23.0)",
  Class: "os-pkgs",
  Type: "alpine",
  Vulnerabilities: [vuln()],
  ...extra,
});

const refusal = (json: string) => {
  const err = thrown(() => parseTrivyReport(json, { source: "r.json" }));
  return { code: err.code, exit: err.exitCode, message: err.message };
};

describe("null where a schema 2 report has an array or object is refused (exit 2)", () => {
  it.each([
    ["Results[0].Vulnerabilities", "an array", { results: [osResult({ Vulnerabilities: null })] }],
    ["Results[0].Secrets", "an array", { results: [osResult({ Secrets: null })] }],
    [
      "Results[0].Misconfigurations",
      "an array",
      { results: [osResult({ Misconfigurations: null })] },
    ],
    ["Results[0].Packages", "an array", { results: [osResult({ Packages: null })] }],
    ["Results[0].Licenses", "an array", { results: [osResult({ Licenses: null })] }],
    ["Metadata.OS", "an object", { meta: { OS: null } }],
    ["Metadata.RepoDigests", "an array of strings", { meta: { RepoDigests: null } }],
    [
      "Results[0].Vulnerabilities[0].PkgIdentifier",
      "an object",
      { results: [osResult({ Vulnerabilities: [vuln({ PkgIdentifier: null })] })] },
    ],
    [
      "Results[0].Vulnerabilities[0].CVSS",
      "an object",
      { results: [osResult({ Vulnerabilities: [vuln({ CVSS: null })] })] },
    ],
    [
      "Results[0].Vulnerabilities[0].VendorSeverity",
      "an object",
      { results: [osResult({ Vulnerabilities: [vuln({ VendorSeverity: null })] })] },
    ],
  ])("%s", (path, expected, opts) => {
    expect(refusal(reportJson(opts))).toEqual({
      code: "ALPINIZE_GATE_REPORT_INVALID",
      exit: 2,
      message: `r.json: ${path}: expected ${expected}, found null (Trivy leaves an empty field out rather than writing null, so the report was edited or not written by Trivy)`,
    });
  });

  it("Results and Metadata themselves", () => {
    const top = (extra: object) =>
      JSON.stringify({ SchemaVersion: 2, ArtifactType: "container_image", ...extra });
    expect(refusal(top({ Results: null })).message).toMatch(
      /^r\.json: Results: expected an array, found null/,
    );
    expect(refusal(top({ Metadata: null })).message).toMatch(
      /^r\.json: Metadata: expected an object, found null/,
    );
  });

  it("a scalar the gate reads: Status, a vendor severity, a CVSS score", () => {
    const one = (v: Record<string, unknown>) =>
      reportJson({ results: [osResult({ Vulnerabilities: [vuln(v)] })] });
    expect(refusal(one({ Status: null })).message).toContain(
      "Results[0].Vulnerabilities[0].Status: expected a string, found null",
    );
    expect(refusal(one({ VendorSeverity: { nvd: null } })).message).toContain(
      "Results[0].Vulnerabilities[0].VendorSeverity.nvd: expected an integer 0-4, found null",
    );
    expect(refusal(one({ CVSS: { nvd: { V3Score: null } } })).message).toContain(
      "Results[0].Vulnerabilities[0].CVSS.nvd.V3Score: expected a number, found null",
    );
  });

  it("Packages and Licenses, though not read, must be arrays when present", () => {
    expect(refusal(reportJson({ results: [osResult({ Packages: {} })] })).message).toContain(
      "Results[0].Packages: expected an array, found an object",
    );
    const listed = reportJson({
      results: [osResult({ Packages: [{ Name: "zlib" }], Licenses: [] })],
    });
    expect(gate(listed).findings).toHaveLength(1);
  });
});

describe("a legacy report (Trivy < 0.20) keeps null as none, as those versions wrote it", () => {
  it('"Vulnerabilities": null is a clean target', () => {
    const legacy = JSON.stringify([
      { Target: "img (alpine 3.23.0)", Type: "alpine", Vulnerabilities: null, Packages: null },
    ]);
    const report = parseTrivyReport(legacy, { source: "r.json" });
    expect([report.format, report.findings, report.results[0]?.vulnerabilities]).toEqual([
      "legacy",
      [],
      0,
    ]);
    expect(gate(legacy).passed).toBe(true);
  });
});
