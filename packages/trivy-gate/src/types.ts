/** Trivy's severity labels, lowest first. */
export const SEVERITIES = ["UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Trivy's `Status` values (v0.44+). Older reports have none; see `Finding.statusInferred`. */
export const STATUSES = [
  "unknown",
  "not_affected",
  "affected",
  "fixed",
  "under_investigation",
  "will_not_fix",
  "fix_deferred",
  "end_of_life",
] as const;
export type Status = (typeof STATUSES)[number];

export interface Cvss {
  /** Which vendor's CVSS entry this is (the severity source when it has one). */
  source: string;
  version: "4.0" | "3" | "2";
  score: number;
  vector?: string;
}

/** One vulnerability in one package, after deduplication. */
export interface Finding {
  /** Stable identity: vulnerability id + package identity + installed version. */
  key: string;
  /** Vulnerability id + package identity, without the version (used by the diff). */
  packageKey: string;
  id: string;
  pkgName: string;
  /** Path of the library inside the image (language packages), when Trivy gave one. */
  pkgPath?: string;
  /** Package URL without distro/arch qualifiers, when Trivy gave one. */
  purl?: string;
  installed: string;
  fixed?: string;
  status: Status;
  /**
   * Other statuses of duplicate copies merged into this finding (when they disagree): the
   * finding is only accepted by `--ignore-status` when every one of them is.
   */
  otherStatuses?: Status[];
  /** True when the report had no `Status` and it was derived from `FixedVersion`. */
  statusInferred: boolean;
  severity: Severity;
  /** Who decided the severity (`debian`, `nvd`, `ghsa`…); `trivy` when the report does not say. */
  severitySource: string;
  /** Per-vendor severities from `VendorSeverity`, when present. */
  vendorSeverity?: Record<string, Severity>;
  cvss?: Cvss;
  /** First target the finding appeared in, and every target when it appeared in several. */
  target: string;
  targets: string[];
  resultClass: string;
  resultType: string;
  /**
   * Result types of duplicate copies merged into this finding, when they differ from
   * `resultType` (reports without PURLs key packages by name alone).
   */
  otherResultTypes?: string[];
  title?: string;
  primaryUrl?: string;
  fingerprint?: string;
  vendorIds?: string[];
}

export interface OsInfo {
  family: string;
  name: string;
  eosl: boolean;
  /** Set when the report wrote `Metadata.OS.EOSL` itself (Trivy omits it when false). */
  eoslStated?: true;
  /**
   * Set when the report has no `Metadata.OS.Family` (legacy reports have no Metadata) and the OS
   * was read from its OS packages result: the family from `Type`, the version (when every
   * target agrees) from the `Target`'s trailing `(family version)`.
   */
  fromResults?: true;
}

/** What one `Results[]` entry held (counts only for the classes the gate does not evaluate). */
export interface ResultSummary {
  target: string;
  class: string;
  type: string;
  vulnerabilities: number;
  misconfigurations: number;
  secrets: number;
}

/** A secret or a failed misconfiguration check: judged by severity only. */
export interface OtherFinding {
  kind: "secret" | "misconfiguration";
  /** Rule id (`aws-access-key-id`, `DS002`…). */
  id: string;
  title: string;
  severity: Severity;
  target: string;
  line?: number;
}

export interface Report {
  source: string;
  /** `schema2` for `SchemaVersion: 2`, `legacy` for the pre-v0.20 top-level array. */
  format: "schema2" | "legacy";
  artifactName?: string;
  artifactType?: string;
  os?: OsInfo;
  repoDigests: string[];
  /** `Metadata.RepoTags` (`name:tag`), used with the name and digests to match VEX products. */
  repoTags: string[];
  /** `Metadata.ImageID` (the config digest), when Trivy gave one. */
  imageId?: string;
  results: ResultSummary[];
  findings: Finding[];
  /** Secrets and failed misconfiguration checks. */
  others: OtherFinding[];
  /** Entries dropped because another entry had the same key. */
  duplicates: number;
}
