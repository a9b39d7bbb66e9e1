import { describe, expect, it } from "vitest";
import {
  defaultPolicy,
  diffReports,
  type Evaluation,
  evaluate,
  FORMATS,
  parseExceptions,
  parseTrivyReport,
  parseVex,
  render,
} from "../src/index.js";
import { securitySeverity } from "../src/render/sarif.js";
import { otherRuleId } from "../src/render/sarif-others.js";
import { corpus, corpusFiles, fixture, HAVE_CORPUS, load, loadCorpus } from "./helpers.js";

const NOW = new Date("2026-12-04T12:00:00Z");

function full(): Evaluation {
  const e = evaluate(
    load("statuses.json"),
    defaultPolicy({
      now: NOW,
      exceptions: parseExceptions(fixture("exceptions.yaml").toString(), "exceptions.yaml"),
      vex: parseVex(fixture("vex.json").toString(), "vex.json"),
    }),
  );
  e.diff = diffReports(load("debian.json"), load("statuses.json"));
  return e;
}

interface Sarif {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: {
          id: string;
          properties: { "security-severity": string; tags: string[] };
          defaultConfiguration: { level: string };
        }[];
      };
    };
    automationDetails: { id: string };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: unknown[];
    }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

const BAND: Record<string, [number, number]> = {
  CRITICAL: [9, 10],
  HIGH: [7, 8.9],
  MEDIUM: [4, 6.9],
  LOW: [0.1, 3.9],
  UNKNOWN: [0, 0],
};

function checkSarif(text: string, e: Evaluation): Sarif {
  const doc = JSON.parse(text) as Sarif;
  expect(doc.version).toBe("2.1.0");
  expect(doc.runs).toHaveLength(1);
  const run = doc.runs[0]!;
  const rules = run.tool.driver.rules;
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  const worst = new Map<string, string>();
  for (const f of e.findings) if (!worst.has(f.id)) worst.set(f.id, f.severity); // findings are sorted most severe first
  const rank = ["UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"];
  for (const o of e.others) {
    const id = otherRuleId(o);
    const w = worst.get(id);
    if (!w || rank.indexOf(o.severity) > rank.indexOf(w)) worst.set(id, o.severity);
  }
  for (const r of rules) {
    // An OS problem's rule (alpinize-gate/eosl…) is a finding of no package: no CVSS band.
    if (r.id.startsWith("alpinize-gate/")) {
      expect(r.properties.tags).toContain("security");
      continue;
    }
    const score = Number(r.properties["security-severity"]);
    const [lo, hi] = BAND[worst.get(r.id)!]!;
    expect(score, r.id).toBeGreaterThanOrEqual(lo);
    expect(score, r.id).toBeLessThanOrEqual(hi);
    expect(r.properties.tags).toContain("security");
  }
  const prints = new Set<string>();
  for (const res of run.results) {
    expect(rules[res.ruleIndex]?.id).toBe(res.ruleId);
    expect(res.message.text.length).toBeGreaterThan(0);
    const loc = res.locations[0]!.physicalLocation;
    expect(loc.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/);
    expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
    const fp = Object.values(res.partialFingerprints)[0]!;
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    prints.add(fp);
  }
  expect(prints.size).toBe(run.results.length);
  return doc;
}

describe("reporters", () => {
  it("every format carries the same verdict", () => {
    for (const e of [full(), evaluate(load("clean.json"))]) {
      const json = JSON.parse(render(e, "json")) as { passed: boolean };
      expect(json.passed).toBe(e.passed);
      expect(render(e, "text")).toContain(e.passed ? "PASS" : "FAIL");
      expect(render(e, "markdown")).toContain(
        e.passed ? "✅ alpinize gate passed" : "❌ alpinize gate failed",
      );
      const sarif = JSON.parse(render(e, "sarif")) as {
        runs: { properties: { passed: boolean } }[];
      };
      expect(sarif.runs[0]?.properties.passed).toBe(e.passed);
    }
    expect(FORMATS).toEqual(["text", "markdown", "json", "sarif"]);
  });

  it("JSON: passed, blocking with id, package, versions, severity and source, status, target", () => {
    const doc = JSON.parse(render(full(), "json")) as {
      passed: boolean;
      blocking: Record<string, unknown>[];
      exceptions: { expired: unknown[]; stale: unknown[] };
      diff: unknown;
    };
    expect(doc.passed).toBe(false);
    expect(doc.blocking[0]).toMatchObject({
      id: "CVE-2026-0001",
      package: "libssl3",
      installed: "3.0.15-1",
      fixed: "3.0.16-1",
      severity: "CRITICAL",
      severitySource: "debian",
      status: "fixed",
      target: "example/app:debian (debian 12.11)",
    });
    expect(doc.blocking.find((b) => b.id === "CVE-2026-0005")).toHaveProperty(
      "expiredException.expires",
      "2020-01-31",
    );
    expect(doc.exceptions.expired).toHaveLength(1);
    expect(doc.exceptions.stale).toHaveLength(1);
    expect(doc.diff).toBeDefined();
  });

  it("JSON: one finding per line, valid even when report strings look like placeholders", () => {
    const e = full();
    e.report.artifactName = "\u0000findings";
    const text = render(e, "json");
    const doc = JSON.parse(text) as {
      report: { artifactName: string };
      findings: unknown[];
      blocking: unknown[];
    };
    expect(doc.report.artifactName).toBe("\u0000findings");
    expect(doc.findings).toHaveLength(e.findings.length - e.blocking.length);
    expect(text.split("\n").filter((l) => l.startsWith('    {"id":'))).toHaveLength(
      e.findings.length,
    );
  });

  it("text: one line per blocking finding with the severity source; expired and stale exceptions", () => {
    const text = render(full(), "text");
    expect(text).toMatch(
      /CRITICAL CVE-2026-0001 {2}libssl3 3\.0\.15-1 -> 3\.0\.16-1 {2}\[fixed\] {2}severity from debian/,
    );
    expect(text).toMatch(
      /expired exception CVE-2026-0005 \(pkg:deb\/debian\/libgnutls30\) expired on 2020-01-31; its 1 finding\(s\) are judged without it/,
    );
    expect(text).toMatch(/stale exception CVE-1999-0001 matched no finding/);
    expect(text).not.toContain("\u001b[");
  });

  it("text: the diff lists what the move removed, not only how many", () => {
    const e = evaluate(load("alpine.json"), defaultPolicy({ now: NOW }));
    e.diff = diffReports(load("debian.json"), load("alpine.json"));
    const text = render(e, "text");
    expect(text).toMatch(
      / {2}removed:\n {4}CRITICAL CVE-2026-2002 {2}zlib1g 1:1\.2\.13\.dfsg-1\n {4}HIGH {5}CVE-2026-2003 {2}libc6 /,
    );
  });

  it("markdown: tables with escaped cells and the diff in collapsible sections", () => {
    const md = render(full(), "markdown");
    expect(md).toContain(
      "| Vulnerability | Package | Installed | Fixed | Severity (source) | Status | Target |",
    );
    expect(md).toContain("| ❌ expired 2020-01-31 |");
    expect(md).toContain("<details><summary>Removed (");
    expect(md).toMatch(/By CVE id only/);
    const e = full();
    e.blocking[0]!.target = "a|b";
    expect(render(e, "markdown")).toContain("a\\|b");
    expect(render(e, "markdown", { maxRows: 2 })).toMatch(
      /… and \d+ more; the JSON and SARIF outputs list every finding/,
    );
  });

  it("markdown stays within a PR comment's size by shrinking its tables", () => {
    const e = full();
    const many = Array.from({ length: 2000 }, (_, i) => ({
      ...e.blocking[0]!,
      id: `CVE-2026-${10000 + i}`,
      target: "t".repeat(40),
    }));
    e.blocking = many;
    const md = render(e, "markdown");
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/… and \d+ more; the JSON and SARIF outputs list every finding/);
  });

  it("SARIF: structure GitHub code scanning accepts", () => {
    const e = full();
    const doc = checkSarif(render(e, "sarif", { sarifLocation: "docker/Dockerfile.alpine" }), e);
    const run = doc.runs[0]!;
    expect(run.automationDetails.id).toBe("alpinize-gate/example-app:debian/");
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      "docker/Dockerfile.alpine",
    );
    expect(run.results.filter((r) => r.level === "error")).toHaveLength(e.blocking.length);
    expect(run.results.filter((r) => r.suppressions)).toHaveLength(
      e.counts.byDisposition.exception + e.counts.byDisposition.vex,
    );
  });

  it("SARIF: artifact locations are URI references, percent-encoded as RFC 3986 wants", () => {
    const doc = JSON.parse(fixture("classes.json").toString()) as {
      Results: { Target: string; Secrets?: unknown[] }[];
    };
    doc.Results.find((r) => r.Secrets)!.Target = "/srv/my app/100%/c:é\uD800.env";
    const e = evaluate(parseTrivyReport(JSON.stringify(doc)), defaultPolicy({ now: NOW }));
    const run = checkSarif(render(e, "sarif", { sarifLocation: "a b/Docker file#1?.x" }), e)
      .runs[0]!;
    const uris = new Set(
      run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
    );
    expect(uris).toContain("a%20b/Docker%20file%231%3F.x");
    expect(uris).toContain("srv/my%20app/100%25/c%3A%C3%A9%EF%BF%BD.env");
    for (const uri of uris) expect(uri).toMatch(/^([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/);
  });

  it("SARIF: failing secrets and misconfigurations are results with their own rules and lines", () => {
    const doc = JSON.parse(fixture("classes.json").toString()) as {
      Results: { Misconfigurations?: Record<string, unknown>[] }[];
    };
    const config = doc.Results.find((r) => r.Misconfigurations)!;
    config.Misconfigurations![0]!.CauseMetadata = { StartLine: 7, EndLine: 7 };
    const report = parseTrivyReport(JSON.stringify(doc), { source: "classes.json" });
    const e = evaluate(report, defaultPolicy({ now: NOW }));
    const run = checkSarif(render(e, "sarif"), e).runs[0]!;
    const byRule = (id: string) => run.results.filter((r) => r.ruleId === id);
    const [secret] = byRule("aws-access-key-id");
    expect(secret?.level).toBe("error");
    expect(secret?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: "app/.env" },
      region: { startLine: 1 },
    });
    const [check] = byRule("DS002");
    expect(check?.level).toBe("error");
    expect(check?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: "Dockerfile" },
      region: { startLine: 7 },
    });
    expect(byRule("DS001")).toEqual([]); // a passed check is no result
    const rules = run.tool.driver.rules;
    expect(rules.find((r) => r.id === "aws-access-key-id")?.properties).toMatchObject({
      "security-severity": "9.5",
      tags: ["security", "secret", "CRITICAL"],
    });
    // --vulnerabilities-only: still listed, but not as failing the gate.
    const vulnsOnly = evaluate(report, defaultPolicy({ now: NOW, vulnerabilitiesOnly: true }));
    const quiet = checkSarif(render(vulnsOnly, "sarif"), vulnsOnly).runs[0]!;
    expect(quiet.results.find((r) => r.ruleId === "aws-access-key-id")?.level).toBe("warning");
  });

  it("counts: singular for one, and vulnerabilities counted as distinct IDs", () => {
    const doc = JSON.parse(fixture("statuses.json").toString()) as {
      Results: { Vulnerabilities: { VulnerabilityID: string }[] }[];
    };
    const vulns = doc.Results[0]!.Vulnerabilities;
    doc.Results[0]!.Vulnerabilities = [vulns[0]!];
    const one = evaluate(parseTrivyReport(JSON.stringify(doc)), defaultPolicy({ now: NOW }));
    expect(render(one, "text")).toContain(
      "\n  1 finding: 1 distinct vulnerability ID in 1 package\n",
    );
    expect(render(one, "markdown")).toContain(
      "of 1 finding: 1 distinct vulnerability ID in 1 package.",
    );
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW }));
    expect(render(e, "text")).toContain(
      `  ${e.counts.unique} findings: ${e.counts.vulnerabilities} distinct vulnerability IDs in ${e.counts.packages} packages`,
    );
  });

  it("SARIF category: one per image, not per build (no digest) nor per working directory", () => {
    const id = (artifactName: string | undefined, source: string) => {
      const e = evaluate(load("clean.json"), defaultPolicy({ now: NOW }));
      e.report.artifactName = artifactName;
      e.report.source = source;
      return (JSON.parse(render(e, "sarif")) as Sarif).runs[0]!.automationDetails.id;
    };
    const digest = `sha256:${"ab".repeat(32)}`;
    expect(id(`ghcr.io/acme/web:alpine@${digest}`, "a.json")).toBe(
      "alpinize-gate/ghcr.io-acme-web:alpine/",
    );
    expect(id(`ghcr.io/acme/web@${digest}`, "a.json")).toBe("alpinize-gate/ghcr.io-acme-web/");
    // Legacy reports have no ArtifactName: the file name, not the path as typed, names them.
    expect(id(undefined, "../reports/old.json")).toBe(id(undefined, "/ci/work/reports/old.json"));
  });

  it("SARIF fingerprints are stable across runs and independent of finding order", () => {
    const a = JSON.parse(render(full(), "sarif")) as Sarif;
    const b = JSON.parse(render(full(), "sarif")) as Sarif;
    const fp = (s: Sarif) =>
      s.runs[0]!.results.map((r) => Object.values(r.partialFingerprints)[0]).sort();
    expect(fp(a)).toEqual(fp(b));
  });

  it("SARIF truncates to the result limit, keeping blocking findings, with a note", () => {
    const e = full();
    const doc = checkSarif(render(e, "sarif", { maxSarifResults: 3 }), e);
    const run = doc.runs[0]!;
    expect(run.results).toHaveLength(3);
    expect(run.results.every((r) => r.level === "error")).toBe(true);
    expect(run.invocations[0]?.toolExecutionNotifications[0]?.message.text).toMatch(
      /left out to stay within GitHub's limit of 3/,
    );
  });

  it("security-severity stays inside the band of its label", () => {
    expect(securitySeverity("HIGH", 9.8)).toBe("8.0");
    expect(securitySeverity("HIGH", 7.5)).toBe("7.5");
    expect(securitySeverity("CRITICAL", 9.3)).toBe("9.3");
    expect(securitySeverity("LOW")).toBe("2.0");
  });

  it.skipIf(!HAVE_CORPUS)("SARIF has the same rules as Trivy's own SARIF for the same scan", () => {
    const e = evaluate(
      loadCorpus("trivy-golden__alpine-310.json.golden"),
      defaultPolicy({ severities: ["MEDIUM", "HIGH", "CRITICAL"], allowEosl: true }),
    );
    const ours = JSON.parse(render(e, "sarif")) as Sarif;
    const theirs = JSON.parse(corpus("trivy-golden__alpine-310.sarif.golden").toString()) as Sarif;
    const ids = (s: Sarif) => s.runs[0]!.tool.driver.rules.map((r) => r.id).sort();
    expect(ids(ours)).toEqual(ids(theirs));
    const count = (s: Sarif) => s.runs[0]!.results.length;
    expect(count(ours)).toBe(count(theirs));
  });

  it.skipIf(!HAVE_CORPUS).each(corpusFiles())("%s renders valid SARIF", (name) => {
    const e = evaluate(
      loadCorpus(name),
      defaultPolicy({ severities: ["LOW", "MEDIUM", "HIGH", "CRITICAL"] }),
    );
    checkSarif(render(e, "sarif"), e);
  });
});
