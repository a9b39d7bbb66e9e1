import { describe, expect, it } from "vitest";
import { parseTrivyReport } from "../src/index.js";
import { foldKey } from "../src/parse/fold.js";
import { gate, reportJson, vuln } from "./fail-closed-fixtures.js";
import { corpusFiles, loadCorpus, thrown } from "./helpers.js";

// Trivy (Go's encoding/json) reads `results` as `Results`: a key the gate reads, spelt in another
// letter case, must not be skipped as unknown (that dropped every finding: exit 1 became 0).

/** A report with every field the gate reads: a finding, a secret and a failed check. */
const full = reportJson({
  results: [
    {
      Target: "x (alpine 3.23.0)",
      Class: "os-pkgs",
      Type: "alpine",
      Vulnerabilities: [
        vuln({
          VendorIDs: ["ALPINE-1"],
          PkgID: "zlib@1.0-r0",
          PkgPath: "lib/zlib",
          SeveritySource: "nvd",
          VendorSeverity: { nvd: 4 },
          CVSS: { nvd: { V3Score: 9.8, V3Vector: "CVSS:3.1/AV:N" } },
          PrimaryURL: "https://example.test/CVE-2026-1",
          Title: "t",
          Fingerprint: "f",
        }),
      ],
    },
    {
      Target: "Dockerfile",
      Class: "config",
      Type: "dockerfile",
      Misconfigurations: [
        {
          ID: "DS002",
          AVDID: "AVD-DS-0002",
          Title: "root",
          Severity: "HIGH",
          Status: "FAIL",
          CauseMetadata: { StartLine: 3 },
        },
      ],
    },
    {
      Target: "app/.env",
      Class: "secret",
      Secrets: [{ RuleID: "aws-access-key-id", Title: "k", Severity: "CRITICAL", StartLine: 1 }],
    },
  ],
});

/** `full` with the key at its `nth` place (0-based) renamed. */
function rename(key: string, to: string, nth = 0): string {
  let seen = -1;
  return full.replace(new RegExp(`"${key}":`, "g"), (m) => (++seen === nth ? `"${to}":` : m));
}

describe("a key the gate reads, in another letter case, is refused with its path (exit 2)", () => {
  it("the unchanged report parses and blocks", () => {
    expect(gate(full).passed).toBe(false);
  });

  it.each([
    ["SchemaVersion", "schemaVersion", 0, "schemaVersion"],
    ["ArtifactName", "artifactname", 0, "artifactname"],
    ["ArtifactType", "artifactType", 0, "artifactType"],
    ["Metadata", "metadata", 0, "metadata"],
    ["OS", "os", 0, "Metadata.os"],
    ["Family", "family", 0, "Metadata.OS.family"],
    ["Name", "NAME", 0, "Metadata.OS.NAME"],
    ["Results", "results", 0, "results"],
    ["Target", "target", 0, "Results[0].target"],
    ["Class", "class", 0, "Results[0].class"],
    ["Type", "type", 0, "Results[0].type"],
    ["Vulnerabilities", "vulnerabilities", 0, "Results[0].vulnerabilities"],
    ["VulnerabilityID", "VulnerabilityId", 0, "Results[0].Vulnerabilities[0].VulnerabilityId"],
    ["PkgName", "pkgName", 0, "Results[0].Vulnerabilities[0].pkgName"],
    ["PkgID", "PkgId", 0, "Results[0].Vulnerabilities[0].PkgId"],
    ["PkgPath", "pkgpath", 0, "Results[0].Vulnerabilities[0].pkgpath"],
    ["InstalledVersion", "installedVersion", 0, "Results[0].Vulnerabilities[0].installedVersion"],
    ["FixedVersion", "fixedversion", 0, "Results[0].Vulnerabilities[0].fixedversion"],
    ["Status", "status", 0, "Results[0].Vulnerabilities[0].status"],
    ["Severity", "severity", 0, "Results[0].Vulnerabilities[0].severity"],
    ["SeveritySource", "severitySource", 0, "Results[0].Vulnerabilities[0].severitySource"],
    ["VendorSeverity", "vendorSeverity", 0, "Results[0].Vulnerabilities[0].vendorSeverity"],
    ["PkgIdentifier", "pkgIdentifier", 0, "Results[0].Vulnerabilities[0].pkgIdentifier"],
    ["PURL", "purl", 0, "Results[0].Vulnerabilities[0].PkgIdentifier.purl"],
    ["CVSS", "cvss", 0, "Results[0].Vulnerabilities[0].cvss"],
    ["Misconfigurations", "misconfigurations", 0, "Results[1].misconfigurations"],
    ["Status", "STATUS", 1, "Results[1].Misconfigurations[0].STATUS"],
    ["Severity", "severity", 1, "Results[1].Misconfigurations[0].severity"],
    ["StartLine", "startLine", 0, "Results[1].Misconfigurations[0].CauseMetadata.startLine"],
    ["Secrets", "secrets", 0, "Results[2].secrets"],
    ["RuleID", "ruleId", 0, "Results[2].Secrets[0].ruleId"],
  ])("%s written %s (occurrence %i)", (key, to, nth, path) => {
    const err = thrown(() => parseTrivyReport(rename(key, to, nth), { source: "r.json" }));
    expect(err.code).toBe("ALPINIZE_GATE_REPORT_INVALID");
    expect(err.message).toMatch(
      new RegExp(
        `^r\\.json:1:\\d+: ${path.replace(/[.[\]]/g, "\\$&")}: key "${to}" .*expected "${key}"$`,
      ),
    );
    expect((err as { hint?: string }).hint).toContain(`rename the key to "${key}"`);
  });

  it("a misspelt CVSS score is named too (CVSS entries are kept whole)", () => {
    const err = thrown(() => parseTrivyReport(rename("V3Score", "v3score"), { source: "r.json" }));
    expect(err.message).toContain(
      'Results[0].Vulnerabilities[0].CVSS.nvd.v3score: key "v3score" is not spelt as Trivy writes it: expected "V3Score"',
    );
  });

  it("the letters Go folds onto ASCII count: the long s and the Kelvin sign", () => {
    expect([foldKey("Reſults"), foldKey("P\u212Agname"), foldKey("Claß")]).toEqual([
      "RESULTS",
      "PKGNAME",
      "CLAß",
    ]);
    for (const [key, to] of [
      ["Results", "Reſults"],
      ["PkgName", "P\u212AgName"],
    ] as const) {
      expect(thrown(() => parseTrivyReport(rename(key, to))).message).toContain(
        `key "${to}" is not spelt as Trivy writes it: expected "${key}"`,
      );
    }
    // ß is not a case form of ss for Go, so "Claß" is an unknown key, skipped as before.
    expect(() => parseTrivyReport(rename("Class", "Claß"))).not.toThrow();
  });

  it("both spellings in one object are refused, whichever comes first", () => {
    const items = '[{"Target":"t","Class":"os-pkgs","Type":"alpine"}]';
    for (const json of [
      full.replace('"Results":', `"results":${items},"Results":`),
      full.replace(/}$/, `,"results":${items}}`),
    ])
      expect(thrown(() => parseTrivyReport(json)).message).toContain('key "results"');
  });

  it("keys of a legacy (pre-schema) report are checked too", () => {
    const legacy = JSON.stringify([
      { Target: "x (debian 10.8)", Type: "debian", vulnerabilities: [vuln()] },
    ]);
    expect(thrown(() => parseTrivyReport(legacy)).message).toContain(
      '[0].vulnerabilities: key "vulnerabilities"',
    );
  });

  it("keys the gate does not read are still skipped in any case", () => {
    const extra = full
      .replace(
        '"PkgName"',
        '"description":"d","references":["r"],"DataSource":{"id":"x"},"PkgName"',
      )
      .replace('"Metadata":{', '"Metadata":{"imageConfig":{"os":"linux"},"Size":1,');
    expect(gate(extra).blocking).toHaveLength(1);
  });

  it("another format is still named, not taken for a misspelt report", () => {
    const sbom = '{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{},"vulnerabilities":[]}';
    const err = thrown(() => parseTrivyReport(sbom));
    expect([err.code, err.message]).toEqual([
      "ALPINIZE_GATE_NOT_TRIVY",
      expect.stringContaining("it looks like a CycloneDX SBOM"),
    ]);
  });

  it("every corpus report parses as before", () => {
    for (const name of corpusFiles()) expect(() => loadCorpus(name), name).not.toThrow();
  });
});
