import { describe, expect, it } from "vitest";
import { parseExceptions, parseTrivyReport, parseVex } from "../src/index.js";
import {
  gate,
  notAffected,
  reportJson,
  reportWithMisconf,
  vexDoc,
} from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// Holes a fresh tester found in the gate (their finding numbers): each case must block or refuse.

describe("finding 6: duplicate keys are refused with their JSON path", () => {
  const base = reportJson();
  it.each([
    [
      "Vulnerabilities",
      base.replace('"Vulnerabilities":[', '"Vulnerabilities":[],"Vulnerabilities":['),
      "Results[0].Vulnerabilities",
    ],
    ["Results", base.replace('"Results":[', '"Results":[],"Results":['), "Results"],
    [
      "Severity",
      base.replace('"Severity":"CRITICAL"', '"Severity":"CRITICAL","Severity":"LOW"'),
      "Results[0].Vulnerabilities[0].Severity",
    ],
    [
      "Status",
      base.replace('"Status":"fixed"', '"Status":"fixed","Status":"not_affected"'),
      "Results[0].Vulnerabilities[0].Status",
    ],
    [
      "Metadata.OS.Family",
      base.replace('"Family":"alpine"', '"Family":"alpine","Family":"x"'),
      "Metadata.OS.Family",
    ],
    // In a part the gate skips (Description), and nested deeper in one (References in a skipped object).
    [
      "Description (skipped by the parser)",
      base.replace('"PkgName"', '"Description":"a","Description":"b","PkgName"'),
      "Results[0].Vulnerabilities[0].Description",
    ],
    [
      "ID inside a skipped object",
      base.replace('"PkgName"', '"DataSource":{"ID":"a","ID":"b"},"PkgName"'),
      "Results[0].Vulnerabilities[0].DataSource.ID",
    ],
  ])("a repeated %s", (_label, json, path) => {
    const err = thrown(() => parseTrivyReport(json, { source: "r.json" }));
    expect(err.code).toBe("ALPINIZE_GATE_REPORT_INVALID");
    expect(err.message).toContain(`${path}: duplicate key`);
    expect((err as { hint?: string }).hint).toContain("remove one");
  });

  it("the same name in two sibling objects is not a duplicate", () => {
    expect(() =>
      parseTrivyReport(
        base.replace('"PkgName"', '"DataSource":{"ID":"a"},"Ref":{"ID":"b"},"PkgName"'),
      ),
    ).not.toThrow();
  });

  it("a duplicate key in a VEX document is refused with its path", () => {
    const doc = vexDoc([notAffected("pkg:apk/alpine/zlib")]).replace(
      '"status":"not_affected"',
      '"status":"affected","status":"not_affected"',
    );
    const err = thrown(() => parseVex(doc, "v.json"));
    expect(err.code).toBe("ALPINIZE_GATE_VEX_INVALID");
    expect(err.message).toContain("statements[0].status: duplicate key");
  });

  it("a duplicate key in an exceptions file (YAML or JSON) is refused", () => {
    for (const text of [
      "- id: CVE-1\n  reason: r\n  expires: 2027-01-01\n  expires: 2020-01-01\n",
      '[{"id":"CVE-1","reason":"r","expires":"2027-01-01","expires":"2020-01-01"}]',
    ]) {
      const err = thrown(() => parseExceptions(text, "x.yaml"));
      expect(err.code).toBe("ALPINIZE_GATE_EXCEPTIONS_INVALID");
      expect(err.message).toContain('exceptions[0].expires: duplicate key "expires"');
    }
  });
});

describe("finding 7: an unknown misconfiguration Status is refused", () => {
  it.each(["FAILED", "fails", ""])("%j is exit 2 naming the path", (status) => {
    const err = thrown(() => parseTrivyReport(reportWithMisconf(status), { source: "r.json" }));
    expect(err.code).toBe("ALPINIZE_GATE_REPORT_INVALID");
    expect(err.message).toContain("Results[1].Misconfigurations[0].Status");
    expect(err.exitCode).toBe(2);
  });

  it("FAIL blocks; PASS and EXCEPTION do not", () => {
    expect(gate(reportWithMisconf("FAIL")).passed).toBe(false);
    expect(gate(reportWithMisconf("PASS")).passed).toBe(true);
    expect(gate(reportWithMisconf("EXCEPTION")).passed).toBe(true);
  });
});

describe("finding 14: UTF-16/UTF-32 input, far-off exceptions", () => {
  const json = reportJson();
  const bom16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]);
  const nobom16le = Buffer.from(json, "utf16le");
  const be16 = Buffer.from(json, "utf16le").swap16();
  const le32 = Buffer.alloc(json.length * 4);
  for (let i = 0; i < json.length; i++) le32.writeUInt32LE(json.charCodeAt(i), i * 4);

  it.each([
    ["UTF-16 with a BOM", bom16le, "UTF-16"],
    ["UTF-16 without a BOM", nobom16le, "UTF-16"],
    ["UTF-16BE", be16, "UTF-16"],
    ["UTF-32LE", le32, "UTF-32"],
  ])("%s is named, with what to do", (_what, bytes, encoding) => {
    const err = thrown(() => parseTrivyReport(bytes, { source: "r.json" }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      `r.json: report is ${encoding}; re-save as UTF-8 (PowerShell: -Encoding utf8)`,
    );
  });

  it("a UTF-16 VEX document is named too", () => {
    const err = thrown(() => parseVex(Buffer.from(vexDoc([]), "utf16le"), "v.json"));
    expect(err.message).toContain("VEX document is UTF-16");
  });

  it("an exception expiring more than a year ahead applies but is warned about", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    const far = parseExceptions("- {id: CVE-2026-1, reason: r, expires: 9999-12-31}\n", "x.yaml");
    const e = gate(json, { exceptions: far, now });
    expect(e.passed).toBe(true);
    expect(e.warnings).toEqual([
      "x.yaml exceptions[0] (CVE-2026-1) expires 9999-12-31, more than a year ahead: exceptions are meant to be revisited; pick a date within a year",
    ]);
    const near = parseExceptions("- {id: CVE-2026-1, reason: r, expires: 2027-12-01}\n", "x.yaml");
    expect(gate(json, { exceptions: near, now }).warnings).toEqual([]);
  });
});
