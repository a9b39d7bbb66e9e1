import { describe, expect, it } from "vitest";
import {
  defaultPolicy,
  evaluate,
  type Policy,
  parseExceptions,
  parseTrivyReport,
  parseVex,
  render,
} from "../src/index.js";
import { thrown } from "./helpers.js";

// Written for these tests: one CRITICAL, fixable finding in an image named x:1.
const DIGEST = `sha256:${"ab".repeat(32)}`;
const IMAGE_ID = `sha256:${"cd".repeat(32)}`;

function vuln(extra: Record<string, unknown> = {}) {
  return {
    VulnerabilityID: "CVE-2026-1",
    PkgName: "zlib",
    InstalledVersion: "1.0-r0",
    FixedVersion: "1.1-r0",
    Status: "fixed",
    Severity: "CRITICAL",
    PkgIdentifier: { PURL: "pkg:apk/alpine/zlib@1.0-r0?arch=x86_64" },
    ...extra,
  };
}

function reportJson(opts: { name?: string; meta?: object; results?: object[] } = {}): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ...(opts.name === "" ? {} : { ArtifactName: opts.name ?? "ghcr.io/acme/x:1" }),
    ArtifactType: "container_image",
    Metadata: { OS: { Family: "alpine", Name: "3.23.0" }, ...opts.meta },
    Results: opts.results ?? [
      { Target: "x (alpine 3.23.0)", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [vuln()] },
    ],
  });
}

const gate = (json: string, policy: Partial<Policy> = {}) =>
  evaluate(parseTrivyReport(json, { source: "r.json" }), defaultPolicy(policy));

const vexDoc = (statements: object[], extra: object = {}) =>
  JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", ...extra, statements });

const notAffected = (product: object | string, extra: object = {}) => ({
  vulnerability: { name: "CVE-2026-1" },
  products: [product],
  status: "not_affected",
  justification: "vulnerable_code_not_present",
  ...extra,
});

describe("finding 2: a VEX statement about an image applies only to that image", () => {
  const withMeta = {
    meta: { RepoDigests: [`ghcr.io/acme/x@${DIGEST}`], RepoTags: ["ghcr.io/acme/x:1"] },
  };

  it("a product naming another image (by digest) is ignored, and the gate says so", () => {
    const vex = parseVex(
      vexDoc([notAffected({ "@id": "pkg:oci/totally-different-image@sha256%3Aabc" })]),
      "v.json",
    );
    const e = gate(reportJson(withMeta), { vex });
    expect(e.passed).toBe(false);
    expect(e.blocking[0]?.id).toBe("CVE-2026-1");
    expect(e.vex.ignored).toHaveLength(1);
    expect(e.vex.ignored[0]?.reason).toContain("VEX statement for another image ignored");
    expect(e.warnings.join("\n")).toContain("VEX statement for another image ignored");
    expect(render(e, "text")).toContain("VEX statement for another image ignored");
  });

  it.each([
    ["its digest (RepoDigests)", `pkg:oci/x@${encodeURIComponent(DIGEST)}`],
    ["its image ID", `pkg:oci/x@${encodeURIComponent(IMAGE_ID)}`],
    ["its repository", "pkg:oci/x?repository_url=ghcr.io/acme/x"],
    ["its repository and tag", "pkg:oci/x?repository_url=ghcr.io/acme/x&tag=1"],
    ["its bare name", "pkg:oci/x"],
    ["a pkg:docker URL", "pkg:docker/acme/x@1?repository_url=ghcr.io"],
  ])("a product naming this image by %s applies", (_what, id) => {
    const vex = parseVex(vexDoc([notAffected({ "@id": id })]), "v.json");
    const e = gate(reportJson({ meta: { ...withMeta.meta, ImageID: IMAGE_ID } }), { vex });
    expect(e.vex.ignored).toEqual([]);
    expect(e.passed).toBe(true);
    expect(e.findings[0]?.disposition).toBe("vex");
  });

  it.each([
    ["another repository", "pkg:oci/x?repository_url=docker.io/acme/x"],
    ["another tag", "pkg:oci/x?repository_url=ghcr.io/acme/x&tag=2"],
    ["another digest", `pkg:oci/x@sha256%3A${"ef".repeat(32)}`],
    ["another Docker Hub image", "pkg:docker/library/nginx"],
  ])("a product naming %s does not apply", (_what, id) => {
    const vex = parseVex(vexDoc([notAffected({ "@id": id })]), "v.json");
    const e = gate(reportJson(withMeta), { vex });
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.product).toBe(id);
  });

  it("subcomponents of another image's product do not apply either", () => {
    const product = {
      "@id": "pkg:oci/other?repository_url=ghcr.io/acme/other",
      subcomponents: [{ "@id": "pkg:apk/alpine/zlib" }],
    };
    const e = gate(reportJson(withMeta), { vex: parseVex(vexDoc([notAffected(product)])) });
    expect(e.passed).toBe(false);
    const same = { ...product, "@id": "pkg:oci/x?repository_url=ghcr.io/acme/x" };
    expect(gate(reportJson(withMeta), { vex: parseVex(vexDoc([notAffected(same)])) }).passed).toBe(
      true,
    );
  });

  it("a report that does not name its image gets no image-wide statements, and says why", () => {
    const vex = parseVex(vexDoc([notAffected({ "@id": "pkg:oci/x" })]), "v.json");
    const e = gate(reportJson({ name: "" }), { vex });
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.reason).toContain("does not name its image");
  });

  it("a digest-pinned statement is not applied to a report without digests", () => {
    const vex = parseVex(vexDoc([notAffected({ "@id": `pkg:oci/x@sha256%3A${"ab".repeat(32)}` })]));
    const e = gate(reportJson(), { vex });
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.reason).toContain("no digest");
  });
});

describe("finding 3: VEX timestamps are dates", () => {
  const two = (a: string, b: string) =>
    parseVex(
      vexDoc([
        { ...notAffected("pkg:apk/alpine/zlib"), timestamp: a },
        {
          vulnerability: "CVE-2026-1",
          products: ["pkg:apk/alpine/zlib"],
          status: "affected",
          timestamp: b,
        },
      ]),
      "v.json",
    );

  it("an offset is applied: 09:00-05:00 (14:00Z) is newer than 12:00Z", () => {
    expect(
      gate(reportJson(), { vex: two("2026-06-01T12:00:00Z", "2026-06-01T09:00:00-05:00") }).passed,
    ).toBe(false);
    expect(
      gate(reportJson(), { vex: two("2026-06-01T15:00:00Z", "2026-06-01T09:00:00-05:00") }).passed,
    ).toBe(true);
  });

  it("fractions are ordered as numbers: 10:00:00.5Z is newer than 10:00:00Z", () => {
    expect(
      gate(reportJson(), { vex: two("2026-06-01T10:00:00Z", "2026-06-01T10:00:00.5Z") }).passed,
    ).toBe(false);
    expect(
      gate(reportJson(), {
        vex: two("2026-06-01T10:00:00.0000002Z", "2026-06-01T10:00:00.0000001Z"),
      }).passed,
    ).toBe(true);
  });

  it("a tie goes to the most blocking status, in either order", () => {
    const t = "2026-06-01T10:00:00Z";
    expect(gate(reportJson(), { vex: two(t, "2026-06-01T11:00:00+01:00") }).passed).toBe(false);
    const reversed = parseVex(
      vexDoc([
        {
          vulnerability: "CVE-2026-1",
          products: ["pkg:apk/alpine/zlib"],
          status: "affected",
          timestamp: t,
        },
        { ...notAffected("pkg:apk/alpine/zlib"), timestamp: t },
      ]),
    );
    expect(gate(reportJson(), { vex: reversed }).passed).toBe(false);
  });

  it.each([
    ["zzz", "statements[0].timestamp"],
    ["2026-02-30T00:00:00Z", "statements[0].timestamp"],
    ["2026-06-01 12:00", "statements[0].timestamp"],
    ["2026-06-01T12:00:00", "statements[0].timestamp"],
  ])("an invalid timestamp %j is an error naming the statement", (ts, where) => {
    const err = thrown(() => two(ts, "2026-06-01T12:00:00Z"));
    expect(err.code).toBe("ALPINIZE_GATE_VEX_INVALID");
    expect(err.message).toContain(where);
    expect(err.exitCode).toBe(2);
  });

  it("an invalid document timestamp is an error too", () => {
    const err = thrown(() =>
      parseVex(vexDoc([notAffected("pkg:apk/alpine/zlib")], { timestamp: 5 })),
    );
    expect(err.message).toContain(": timestamp:");
  });
});

describe("finding 4: --severity is a threshold", () => {
  it("HIGH blocks CRITICAL and never calls it below the threshold", () => {
    const e = gate(reportJson(), { severities: ["HIGH"] });
    expect(e.passed).toBe(false);
    expect(e.findings[0]?.disposition).toBe("blocking");
    expect(e.policy.threshold).toBe("HIGH and above");
    const text = render(e, "text");
    expect(text).toContain("policy: blocks HIGH and above");
    expect(text).not.toContain("below the threshold");
  });

  it("Trivy-style lists keep working; UNKNOWN blocks only when listed", () => {
    const unknown = reportJson({
      results: [
        {
          Target: "t",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [vuln({ Severity: "UNKNOWN" })],
        },
      ],
    });
    expect(gate(reportJson(), { severities: ["HIGH", "CRITICAL"] }).policy.threshold).toBe(
      "HIGH and above",
    );
    expect(gate(unknown, { severities: ["HIGH", "CRITICAL"] }).passed).toBe(true);
    const listed = gate(unknown, { severities: ["UNKNOWN", "CRITICAL"] });
    expect(listed.passed).toBe(false);
    expect(listed.policy.severities).toEqual(["UNKNOWN", "CRITICAL"]);
    expect(listed.policy.threshold).toBe("CRITICAL, and UNKNOWN");
    expect(gate(reportJson(), { severities: ["UNKNOWN"] }).passed).toBe(false);
  });

  it("a threshold below a finding: MEDIUM blocks HIGH and CRITICAL, not LOW", () => {
    const low = reportJson({
      results: [
        {
          Target: "t",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [vuln({ Severity: "LOW" })],
        },
      ],
    });
    expect(gate(low, { severities: ["MEDIUM"] }).findings[0]?.disposition).toBe("below-threshold");
    expect(gate(reportJson(), { severities: ["MEDIUM"] }).passed).toBe(false);
  });
});

describe("finding 5: merged duplicates take the most blocking value, whatever the order", () => {
  type Fields = Record<string, unknown>;
  const copies = (a: Fields, b: Fields) =>
    reportJson({
      results: [
        { Target: "a", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [vuln(a)] },
        { Target: "b", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [vuln(b)] },
      ],
    });
  const both = (a: Fields, b: Fields, policy: Partial<Policy>) => [
    gate(copies(a, b), policy),
    gate(copies(b, a), policy),
  ];

  it("fixability: one copy will_not_fix, one fixed: --ignore-unfixed blocks in both orders", () => {
    const [ab, ba] = both(
      { Status: "will_not_fix", FixedVersion: "", Severity: "HIGH" },
      { Status: "fixed", FixedVersion: "1.1-r0", Severity: "HIGH" },
      { ignoreUnfixed: true },
    );
    for (const e of [ab!, ba!]) {
      expect(e.passed).toBe(false);
      expect(e.findings[0]).toMatchObject({ status: "fixed", fixed: "1.1-r0", fixable: true });
    }
  });

  it("vendor severities: nvd 1 vs nvd 4: --severity-source nvd blocks in both orders", () => {
    const [ab, ba] = both(
      { Severity: "HIGH", VendorSeverity: { nvd: 1 } },
      { Severity: "HIGH", VendorSeverity: { nvd: 4, ghsa: 2 } },
      { severitySource: "nvd" },
    );
    for (const e of [ab!, ba!]) {
      expect(e.passed).toBe(false);
      expect(e.findings[0]?.severity).toBe("CRITICAL");
      expect(e.findings[0]?.vendorSeverity).toEqual({ nvd: "CRITICAL", ghsa: "MEDIUM" });
    }
  });

  it("report severity: LOW vs CRITICAL blocks in both orders", () => {
    for (const e of both({ Severity: "LOW" }, { Severity: "CRITICAL" }, {}))
      expect(e.findings[0]?.severity).toBe("CRITICAL");
  });

  it("status: --ignore-status accepts the merged finding only when every copy's status is accepted", () => {
    const a = { Status: "will_not_fix", FixedVersion: "" };
    const b = { Status: "affected", FixedVersion: "" };
    for (const e of both(a, b, { ignoreStatuses: ["affected"] })) expect(e.passed).toBe(false);
    for (const e of both(a, b, { ignoreStatuses: ["will_not_fix"] })) expect(e.passed).toBe(false);
    for (const e of both(a, b, { ignoreStatuses: ["will_not_fix", "affected"] }))
      expect(e.passed).toBe(true);
  });

  it("not_affected wins only when every copy says so", () => {
    for (const e of both({ Status: "not_affected" }, { Status: "end_of_life" }, {}))
      expect(e.passed).toBe(false);
  });
});

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
  const misconf = (status: string) =>
    reportJson({
      results: [
        { Target: "x (alpine 3.23.0)", Class: "os-pkgs", Type: "alpine" },
        {
          Target: "Dockerfile",
          Class: "config",
          Type: "dockerfile",
          Misconfigurations: [{ ID: "DS002", Title: "root", Severity: "CRITICAL", Status: status }],
        },
      ],
    });

  it.each(["Fail", "fail", "FAILED", ""])("%j is exit 2 naming the path", (status) => {
    const err = thrown(() => parseTrivyReport(misconf(status), { source: "r.json" }));
    expect(err.code).toBe("ALPINIZE_GATE_REPORT_INVALID");
    expect(err.message).toContain("Results[1].Misconfigurations[0].Status");
    expect(err.exitCode).toBe(2);
  });

  it("FAIL blocks; PASS and EXCEPTION do not", () => {
    expect(gate(misconf("FAIL")).passed).toBe(false);
    expect(gate(misconf("PASS")).passed).toBe(true);
    expect(gate(misconf("EXCEPTION")).passed).toBe(true);
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
