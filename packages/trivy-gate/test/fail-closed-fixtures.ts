import { defaultPolicy, evaluate, type Policy, parseTrivyReport } from "../src/index.js";

// Written for these tests: one CRITICAL, fixable finding in an image named x:1.
export const DIGEST = `sha256:${"ab".repeat(32)}`;
export const IMAGE_ID = `sha256:${"cd".repeat(32)}`;

export function vuln(extra: Record<string, unknown> = {}) {
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

export function reportJson(
  opts: { name?: string; meta?: object; results?: object[] } = {},
): string {
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

/** A report whose one OS packages result holds one finding, {@link vuln} with `extra`. */
export const reportWithVuln = (extra: Record<string, unknown>) =>
  reportJson({
    results: [
      {
        Target: "x (alpine 3.23.0)",
        Class: "os-pkgs",
        Type: "alpine",
        Vulnerabilities: [vuln(extra)],
      },
    ],
  });

/** A clean image report and one failed-or-not Dockerfile check (DS002) with this `Status`. */
export const reportWithMisconf = (status: string, severity = "CRITICAL") =>
  reportJson({
    results: [
      { Target: "x (alpine 3.23.0)", Class: "os-pkgs", Type: "alpine" },
      {
        Target: "Dockerfile",
        Class: "config",
        Type: "dockerfile",
        Misconfigurations: [{ ID: "DS002", Title: "root", Severity: severity, Status: status }],
      },
    ],
  });

/** A clean image report of `family name` (one OS packages result), without `EOSL` unless given. */
export const cleanOsReport = (family: string, name: string, eosl?: boolean) =>
  reportJson({
    meta: { OS: { Family: family, Name: name, ...(eosl === undefined ? {} : { EOSL: eosl }) } },
    results: [{ Target: `x (${family} ${name})`, Class: "os-pkgs", Type: family }],
  });

/**
 * A fixed run date: the gate judges a release's end of support against it, so these reports
 * (alpine 3.23.0) give the same verdict whenever the tests run.
 */
export const RUN_DATE = new Date("2026-12-04T12:00:00Z");

export const gate = (json: string, policy: Partial<Policy> = {}) =>
  evaluate(
    parseTrivyReport(json, { source: "r.json" }),
    defaultPolicy({ now: RUN_DATE, ...policy }),
  );

export const vexDoc = (statements: object[], extra: object = {}) =>
  JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", ...extra, statements });

export const notAffected = (product: object | string, extra: object = {}) => ({
  vulnerability: { name: "CVE-2026-1" },
  products: [product],
  status: "not_affected",
  justification: "vulnerable_code_not_present",
  ...extra,
});
