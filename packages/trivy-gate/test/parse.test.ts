import { describe, expect, it } from "vitest";
import { evaluate, FORMATS, parseTrivyReport, render, STATUSES } from "../src/index.js";
import { scanJson } from "../src/parse/json-scan.js";
import {
  CORPUS,
  corpus,
  corpusFiles,
  fixture,
  HAVE_CORPUS,
  load,
  loadCorpus,
  thrown,
} from "./helpers.js";

type Raw =
  | { Results?: { Vulnerabilities?: unknown[] | null }[] }
  | { Vulnerabilities?: unknown[] | null }[];

function rawEntries(buf: Buffer): number {
  const doc = JSON.parse(buf.toString("utf8")) as Raw;
  const results = Array.isArray(doc) ? doc : (doc.Results ?? []);
  return results.reduce((n, r) => n + (r.Vulnerabilities?.length ?? 0), 0);
}

describe.skipIf(!HAVE_CORPUS)(`real Trivy reports in ${CORPUS}`, () => {
  it.each(corpusFiles())("%s: every entry becomes a finding or a merged duplicate", (name) => {
    const buf = corpus(name);
    const report = parseTrivyReport(buf, { source: name });
    expect(report.findings.length + report.duplicates).toBe(rawEntries(buf));
    expect(new Set(report.findings.map((f) => f.key)).size).toBe(report.findings.length);
    for (const f of report.findings) expect(STATUSES).toContain(f.status);
  });

  it.each(corpusFiles())("%s: the byte scanner reads the same JSON as JSON.parse", (name) => {
    const buf = corpus(name);
    const mine = JSON.parse(JSON.stringify(scanJson(buf, () => "keep")));
    expect(mine).toEqual(JSON.parse(buf.toString("utf8")));
  });

  it("reads the legacy top-level array form", () => {
    const r = loadCorpus("defectdojo__legacy_many_vulns.json");
    expect(r.format).toBe("legacy");
    expect(r.findings.every((f) => f.statusInferred)).toBe(true);
  });

  it("merges the duplicate entries of the juice-shop report", () => {
    const buf = corpus("juice-shop__trivy-report.json");
    const r = parseTrivyReport(buf, { source: "juice-shop" });
    type V = {
      VulnerabilityID: string;
      PkgName: string;
      InstalledVersion: string;
      PkgPath?: string;
    };
    const doc = JSON.parse(buf.toString("utf8")) as { Results: { Vulnerabilities?: V[] }[] };
    const raw = doc.Results.flatMap((x) => x.Vulnerabilities ?? []);
    const distinct = new Set(
      raw.map((v) => `${v.VulnerabilityID} ${v.PkgName} ${v.InstalledVersion} ${v.PkgPath}`),
    );
    expect(r.duplicates).toBeGreaterThan(0);
    expect(r.findings.length).toBe(distinct.size);
  });

  it("keeps PURL without distro qualifiers, and OS metadata with EOSL", () => {
    const deb = loadCorpus("trivy-golden__debian-buster.json.golden");
    expect(deb.findings.map((f) => f.purl).sort()).toEqual([
      "pkg:deb/debian/bash",
      "pkg:deb/debian/libidn2-0",
    ]);
    expect(deb.os).toEqual({ family: "debian", name: "10.1", eosl: false });
    expect(loadCorpus("trivy-golden__alpine-310.json.golden").os?.eosl).toBe(true);
  });

  it("treats a result without Vulnerabilities as clean", () => {
    const r = loadCorpus("defectdojo__scheme_2_no_vuln.json");
    expect(r.findings).toEqual([]);
    expect(r.results).toHaveLength(1);
  });
});

describe("own fixtures", () => {
  it("reads every Status value, CVSS v4 first, and merges the duplicate", () => {
    const r = load("statuses.json");
    expect(new Set(r.findings.map((f) => f.status))).toEqual(new Set(STATUSES));
    expect(r.duplicates).toBe(1);
    const ssl = r.findings.find((f) => f.id === "CVE-2026-0001")!;
    expect(ssl.cvss).toMatchObject({ source: "nvd", version: "4.0", score: 9.3 });
    expect(ssl.key).toBe("CVE-2026-0001|pkg:deb/debian/libssl3||3.0.15-1");
    expect(ssl.vendorSeverity).toEqual({ debian: "CRITICAL", nvd: "CRITICAL" });
  });

  it("reads every result class; PkgPath separates two copies of one library", () => {
    const r = load("classes.json");
    expect(r.results.map((x) => x.class)).toEqual([
      "os-pkgs",
      "lang-pkgs",
      "lang-pkgs",
      "config",
      "secret",
      "license",
      "license-file",
      "custom",
    ]);
    expect(r.findings.filter((f) => f.id === "CVE-2022-1471").map((f) => f.pkgPath)).toEqual([
      "app/lib/a/snakeyaml-1.33.jar",
      "app/lib/b/snakeyaml-1.33.jar",
    ]);
    expect(r.results.find((x) => x.class === "config")?.misconfigurations).toBe(1);
    expect(r.results.find((x) => x.class === "secret")?.secrets).toBe(1);
  });

  it("infers status from FixedVersion in the legacy form", () => {
    const r = load("legacy.json");
    expect(r.format).toBe("legacy");
    expect(r.findings.map((f) => [f.id, f.status, f.statusInferred])).toEqual([
      ["CVE-2021-3177", "fixed", true],
      ["CVE-2011-3374", "affected", true],
      ["CVE-2019-25013", "affected", true],
    ]);
  });

  it("infers the class of legacy results from their type", () => {
    const r = parseTrivyReport(
      '[{"Target":"debian (debian 10.8)","Type":"debian"},{"Target":"app/package-lock.json","Type":"npm"}]',
    );
    expect(r.results.map((x) => x.class)).toEqual(["os-pkgs", "lang-pkgs"]);
  });

  it("reads a clean scan (an OS packages result without Vulnerabilities) as no findings", () => {
    const r = load("clean.json");
    expect(r.findings).toEqual([]);
    expect(r.results.map((x) => [x.class, x.vulnerabilities])).toEqual([["os-pkgs", 0]]);
    expect(r.os?.family).toBe("alpine");
  });

  it("reads a report without Results as no findings (the policy judges what was scanned)", () => {
    const r = parseTrivyReport(
      '{"SchemaVersion":2,"ArtifactType":"container_image","Metadata":{"OS":{"Family":"alpine","Name":"3.23.0"}}}',
    );
    expect([r.findings, r.results, r.os?.family]).toEqual([[], [], "alpine"]);
  });

  it("accepts a UTF-8 BOM, escapes and non-ASCII text", () => {
    const text = `\ufeff{"SchemaVersion":2,"Results":[{"Target":"a\\u00e9 \\"q\\" ü","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"p","Severity":"HIGH","Title":"x\\ny"}]}]}`;
    const r = parseTrivyReport(text);
    expect(r.results[0]?.target).toBe('aé "q" ü');
    expect(r.findings[0]?.title).toBe("x\ny");
  });

  it("control characters from the report cannot drive a terminal (ESC becomes U+FFFD)", () => {
    const esc = "\\u001b[2J\\u001b]0;owned\\u0007\\r";
    const text = `{"SchemaVersion":2,"ArtifactName":"img${esc}","ArtifactType":"container_image","Metadata":{"OS":{"Family":"alpine","Name":"3.22"}},"Results":[{"Target":"t${esc}","Class":"os-pkgs","Type":"alpine","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"p${esc}","InstalledVersion":"1","Severity":"HIGH","Title":"x\\ny\\tz"}]}]}`;
    const r = parseTrivyReport(text);
    expect(r.artifactName).toBe("img\ufffd[2J\ufffd]0;owned\ufffd\ufffd");
    expect(r.findings[0]?.pkgName).toBe("p\ufffd[2J\ufffd]0;owned\ufffd\ufffd");
    expect(r.findings[0]?.title).toBe("x\ny\tz");
    const control = (out: string) =>
      [...out].filter((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        return (c < 32 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f);
      });
    for (const format of FORMATS) expect(control(render(evaluate(r), format)), format).toEqual([]);
  });

  it("does not let a __proto__ key change object prototypes", () => {
    const r = parseTrivyReport(`{"SchemaVersion":2,"__proto__":{"polluted":1},"Results":[]}`);
    expect(r.findings).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("bad input fails with a message that says where", () => {
  it("truncated JSON, cut anywhere, is reported as truncated or invalid (never parsed)", () => {
    const text = fixture("statuses.json").toString("utf8").trimEnd();
    for (let cut = 1; cut < text.length; cut += 97) {
      const err = thrown(() => parseTrivyReport(text.slice(0, cut), { source: "cut.json" }));
      expect(err.code).toMatch(/^ALPINIZE_GATE_(REPORT_TRUNCATED|BAD_JSON)$/);
      expect(err.message).toMatch(/^cut\.json:\d+:\d+: not valid JSON/);
    }
    expect(thrown(() => parseTrivyReport(text.slice(0, -1))).code).toBe(
      "ALPINIZE_GATE_REPORT_TRUNCATED",
    );
  });

  it("names line and column of a syntax error", () => {
    const err = thrown(() =>
      parseTrivyReport('{\n  "SchemaVersion": 2,\n  "Results": [}\n', { source: "r.json" }),
    );
    expect(err.message).toBe("r.json:3:15: not valid JSON: unexpected '}'");
    expect(err.exitCode).toBe(2);
  });

  it("rejects log lines before the JSON", () => {
    const err = thrown(() =>
      parseTrivyReport(`2026-01-01T00:00:00Z INFO scanning\n${fixture("clean.json")}`),
    );
    expect(err.code).toBe("ALPINIZE_GATE_BAD_JSON");
  });

  it.each([
    ['{"foo":1}', /not a Trivy JSON report: no SchemaVersion at the top level \(keys: foo\)/],
    ['{"version":"2.1.0","runs":[]}', /it looks like a SARIF file/],
    ['{"bomFormat":"CycloneDX","specVersion":"1.5"}', /CycloneDX/],
    ['{"SchemaVersion":3,"Results":[]}', /SchemaVersion: unsupported schema version 3/],
    ['"just a string"', /\(top level\): expected an object, found a string/],
    ["", /the input is empty/],
  ])("alien JSON %s", (text, message) => {
    expect(thrown(() => parseTrivyReport(text)).message).toMatch(message);
  });

  it.each([
    ['{"SchemaVersion":2,"Results":{}}', "Results: expected an array, found an object"],
    [
      '{"SchemaVersion":2,"Results":[{"Target":"t","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"p","Severity":3}]}]}',
      "Results[0].Vulnerabilities[0].Severity: expected a string, found a number",
    ],
    [
      '{"SchemaVersion":2,"Results":[{"Target":"t","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"p","Severity":"SEVERE"}]}]}',
      'Results[0].Vulnerabilities[0].Severity: unknown severity "SEVERE"',
    ],
    [
      '{"SchemaVersion":2,"Results":[{"Target":"t","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"p","Severity":"LOW","Status":"patched"}]}]}',
      'Results[0].Vulnerabilities[0].Status: unknown status "patched"',
    ],
    [
      '{"SchemaVersion":2,"Results":[{"Target":"t","Vulnerabilities":[{"PkgName":"p","Severity":"LOW"}]}]}',
      "Results[0].Vulnerabilities[0].VulnerabilityID: expected a string, found nothing (the field is missing)",
    ],
    [
      '{"SchemaVersion":2,"Metadata":{"OS":{"Family":"alpine","EOSL":"yes"}}}',
      "Metadata.OS.EOSL: expected a boolean, found a string",
    ],
    ['[{"Target":"t"},7]', "Results[1]: expected an object, found a number"],
  ])("wrong types: %s", (text, message) => {
    const err = thrown(() => parseTrivyReport(text, { source: "bad.json" }));
    expect(err.code).toBe("ALPINIZE_GATE_REPORT_INVALID");
    expect(err.message).toContain(`bad.json: ${message}`);
  });

  it("bounds nesting in kept values (no stack overflow)", () => {
    const deep = `{"SchemaVersion":2,"Results":[{"Target":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`;
    expect(thrown(() => parseTrivyReport(deep)).message).toMatch(/nesting deeper than 256 levels/);
    const skipped = `{"SchemaVersion":2,"Results":[{"Target":"t","Packages":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`;
    expect(parseTrivyReport(skipped).results).toHaveLength(1);
  });

  it("refuses input over the size limit before parsing it", () => {
    const err = thrown(() => parseTrivyReport(fixture("statuses.json"), { maxBytes: 1024 }));
    expect(err.code).toBe("ALPINIZE_GATE_REPORT_TOO_LARGE");
    expect(err.message).toMatch(/the report is \d+(\.\d)? KiB, over the 1 KiB limit/);
  });
});
