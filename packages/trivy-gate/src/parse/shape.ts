import type { Shape } from "./json-scan.js";

// Only what the gate reads is materialised; Description, References, Packages… are skipped.
// Objects the gate reads are shaped down to their fields (not kept whole), so a field spelt in
// another letter case is caught by the scanner: Trivy would read it, the gate must not skip it.
const VULNERABILITY: Shape = {
  object: {
    ...Object.fromEntries(
      [
        "VulnerabilityID",
        "VendorIDs",
        "PkgID",
        "PkgName",
        "PkgPath",
        "InstalledVersion",
        "FixedVersion",
        "Status",
        "Severity",
        "SeveritySource",
        "VendorSeverity",
        "CVSS",
        "PrimaryURL",
        "Title",
        "Fingerprint",
      ].map((k) => [k, "keep" as const]),
    ),
    PkgIdentifier: { object: { PURL: "keep" } },
  },
};

const OTHER: Shape = {
  array: {
    object: {
      ...Object.fromEntries(
        ["Status", "Severity", "RuleID", "ID", "AVDID", "Title", "StartLine"].map((k) => [
          k,
          "keep" as const,
        ]),
      ),
      // A misconfiguration's line; its Code (the offending lines) is skipped.
      CauseMetadata: { object: { StartLine: "keep" } },
    },
  },
};

type Each = (item: unknown, at: readonly number[]) => unknown;

/** `onVulnerability` turns each entry into its final form while the file is read. */
function result(onVulnerability: Each): Shape {
  return {
    object: {
      Target: "keep",
      Class: "keep",
      Type: "keep",
      Vulnerabilities: { array: VULNERABILITY, each: onVulnerability },
      Misconfigurations: OTHER,
      Secrets: OTHER,
      // Not read, but their type is checked: `"Packages": null` is no more Trivy's than `{}`.
      Packages: "type",
      Licenses: "type",
    },
  };
}

const report = (onVulnerability: Each): Shape => ({
  object: {
    SchemaVersion: "keep",
    ArtifactName: "keep",
    ArtifactType: "keep",
    Metadata: {
      object: {
        OS: { object: { Family: "keep", Name: "keep", EOSL: "keep" } },
        RepoDigests: "keep",
        RepoTags: "keep",
        ImageID: "keep",
      },
    },
    Results: { array: result(onVulnerability) },
  },
});

/** Top-level shape by the first byte: `[` is the legacy (pre-v0.20) array of results. */
export function reportShape(onVulnerability: Each): (first: number) => Shape {
  return (first) => (first === 0x5b ? { array: result(onVulnerability) } : report(onVulnerability));
}
