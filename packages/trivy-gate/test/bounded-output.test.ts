import { describe, expect, it } from "vitest";
import { diffReports, evaluate, parseTrivyReport, render } from "../src/index.js";
import { defaultPolicy } from "../src/policy/evaluate.js";
import { MARKDOWN_LIMIT } from "../src/render/markdown.js";
import { RUN_DATE, reportJson } from "./fail-closed-fixtures.js";

// Found by a tester: rows were not capped. 5 MB VulnerabilityID/PkgName/versions/Title/Target/
// ArtifactName/OS Name made text output 26 MB, Markdown 26 MB (one row, past the 1 MiB step
// summary and the 65,536-character PR comment) and SARIF 183 MB (ruleId, rules[].id and
// automationDetails.id 5 MB each). Each field a row shows is now cut to its limit; these tests
// measure sizes, not time.

const MB = 1024 * 1024;
const big = (tag: string, size = MB) => `${tag}\n::error::${tag}\u202e${"B".repeat(size)}`;

function hugeReport(size = MB, count = 1): string {
  const vulns = Array.from({ length: count }, (_, i) => ({
    VulnerabilityID: big(`VID${i}`, size),
    PkgName: big(`PKG${i}`, size),
    InstalledVersion: big("IV", size),
    FixedVersion: big("FV", size),
    Status: "fixed",
    Severity: "CRITICAL",
    SeveritySource: big("SRC", size),
    Title: big("TITLE", size),
    PrimaryURL: `https://example.com/${"u".repeat(size)}`,
  }));
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: big("ART", size),
    ArtifactType: "container_image",
    Metadata: { OS: { Family: "alpine", Name: big("OSNAME", size) } },
    Results: [
      { Target: big("TARGET", size), Class: "os-pkgs", Type: "alpine", Vulnerabilities: vulns },
      {
        Target: big("LANG", size),
        Class: "lang-pkgs",
        Type: "npm",
        Vulnerabilities: vulns.map((v) => ({ ...v, PkgPath: big("PATH", size) })),
      },
      {
        Target: big("SECTGT", size),
        Class: "secret",
        Secrets: [{ RuleID: big("RULE", size), Severity: "CRITICAL", Title: big("STITLE", size) }],
      },
      {
        Target: big("CFGTGT", size),
        Class: "config",
        Misconfigurations: [
          { ID: big("MID", size), Title: big("MTITLE", size), Severity: "HIGH", Status: "FAIL" },
        ],
      },
    ],
  });
}

const gate = (json: string, baseline?: string) => {
  const report = parseTrivyReport(json, { source: "r.json" });
  const e = evaluate(
    report,
    defaultPolicy({
      now: RUN_DATE,
      exceptions: [
        {
          id: big("EXC"),
          package: big("EXCPKG"),
          reason: big("REASON"),
          expires: "2027-01-01",
          index: 0,
          source: "exc.yaml",
        },
      ],
    }),
  );
  if (baseline) e.diff = diffReports(parseTrivyReport(baseline, { source: "b.json" }), report);
  return e;
};

describe("every output but JSON stays bounded whatever the report's field sizes", () => {
  const json = hugeReport();
  const e = gate(json, hugeReport(MB / 2));

  it("text: a few kilobytes for one finding of 1 MB names", () => {
    const text = render(e, "text");
    expect(text.length).toBeLessThan(16 * 1024);
    expect(text).toContain(`VID0 ::error::VID0\ufffd${"B".repeat(81)}…`);
    expect(text).not.toMatch(/^::error::/m);
  });

  it("Markdown: within one PR comment", () => {
    const md = render(e, "markdown");
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    // Every blocking row is there, each field cut (the table did not have to shrink to nothing).
    expect(md).toContain("VID0 ::error::VID0");
    expect(md).not.toContain("\u202e");
  });

  it("SARIF: bounded, with short stable rule ids and category", () => {
    const text = render(e, "sarif");
    expect(text.length).toBeLessThan(128 * 1024);
    const run = JSON.parse(text).runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id) as string[];
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(118);
    for (const r of run.results) expect(ids).toContain(r.ruleId);
    expect(run.automationDetails.id.length).toBeLessThan(260);
    // The same report gives the same ids, run after run.
    const again = JSON.parse(render(gate(json), "sarif")).runs[0];
    expect(again.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(again.automationDetails.id).toBe(run.automationDetails.id);
  });

  it("JSON keeps every value whole (machines match on them): its size follows the report's", () => {
    const out = render(e, "json");
    const doc = JSON.parse(out);
    const id = JSON.parse(json).Results[0].Vulnerabilities[0].VulnerabilityID as string;
    const ids = [...doc.blocking, ...doc.findings].map((f: { id: string }) => f.id);
    expect(ids).toContain(id.replace("\u202e", "\ufffd"));
    // Linear in the report: each string appears a bounded number of times (id, key, targets…).
    expect(out.length).toBeLessThan(8 * (json.length + hugeReport(MB / 2).length));
  });

  it("150 findings of 10 KB names: text and Markdown stop at their rows", () => {
    const many = gate(hugeReport(10 * 1024, 150));
    expect(render(many, "text").length).toBeLessThan(256 * 1024);
    expect(render(many, "markdown").length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    const sarif = render(many, "sarif");
    // 300 results and 300 rules of a few kilobytes each, not 300 × 10 KB names many times over.
    expect(sarif.length).toBeLessThan(4 * MB);
  });
});

describe("SARIF rule ids for long vulnerability ids", () => {
  const report = (ids: string[]) =>
    reportJson({
      name: "img",
      results: [
        {
          Target: "img (alpine 3.23.0)",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: ids.map((id, i) => ({
            VulnerabilityID: id,
            PkgName: `p${i}`,
            InstalledVersion: "1",
            Severity: "HIGH",
          })),
        },
      ],
    });
  const ruleIds = (ids: string[]) => {
    const run = JSON.parse(render(gate(report(ids)), "sarif")).runs[0];
    return {
      rules: run.tool.driver.rules.map((r: { id: string }) => r.id) as string[],
      results: run.results.map((r: { ruleId: string }) => r.ruleId) as string[],
    };
  };
  const prefix = "GHSA-".padEnd(150, "x");

  it("an id within 100 characters is kept as written", () => {
    expect(ruleIds(["CVE-2024-1"]).rules).toEqual(["CVE-2024-1"]);
  });

  it("a long id is cut and hashed: one rule for its findings, two rules for two ids", () => {
    const { rules, results } = ruleIds([`${prefix}A`, `${prefix}A`, `${prefix}B`]);
    expect(rules).toHaveLength(2);
    expect(new Set(rules).size).toBe(2);
    for (const id of rules) expect(id).toMatch(/^GHSA-x{95}…~[0-9a-f]{16}$/);
    expect(results[0]).toBe(results[1]);
    expect(results[2]).not.toBe(results[0]);
  });
});

describe("bidirectional controls in report text are replaced like other controls", () => {
  it("U+202E and the isolates become U+FFFD in every field", () => {
    const json = JSON.stringify([
      {
        Target: "img (alpine 3.23.0)",
        Type: "alpine",
        Vulnerabilities: [
          {
            VulnerabilityID: "CVE-1\u202e",
            PkgName: "p\u2066q\u2069",
            InstalledVersion: "1\u200f",
            Severity: "HIGH",
          },
        ],
      },
    ]);
    const f = parseTrivyReport(json).findings[0]!;
    expect([f.id, f.pkgName, f.installed]).toEqual(["CVE-1\ufffd", "p\ufffdq\ufffd", "1\ufffd"]);
  });
});
