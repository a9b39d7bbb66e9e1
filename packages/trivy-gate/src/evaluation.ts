import type { Finding, OsInfo, OtherFinding, Report, Severity, Status } from "./types.js";

/** One entry of an exceptions file. */
export interface Exception {
  id: string;
  package?: string;
  purl?: string;
  reason: string;
  /** Last day the exception holds, `YYYY-MM-DD` (UTC). */
  expires: string;
  /** 0-based position in the file, for messages. */
  index: number;
  source: string;
}

/** One OpenVEX statement, flattened to what matching needs. */
export interface VexStatement {
  vulnerability: string;
  aliases: string[];
  /** Package URLs (or other ids) of products and subcomponents. */
  products: string[];
  /** Image-level products (pkg:oci, pkg:docker) without subcomponents: apply to every package. */
  imageWide: boolean;
  status: "not_affected" | "affected" | "fixed" | "under_investigation";
  justification?: string;
  impactStatement?: string;
  timestamp?: string;
  index: number;
  source: string;
}

export interface Policy {
  /** Severities that block (default HIGH, CRITICAL). */
  severities: Severity[];
  /** Only fixable findings block. */
  ignoreUnfixed: boolean;
  /**
   * Trivy statuses accepted as not blocking, e.g. `will_not_fix` and `end_of_life`: an explicit
   * choice, narrower than `ignoreUnfixed`, that still blocks `affected` findings.
   */
  ignoreStatuses: Status[];
  exceptions: Exception[];
  vex: VexStatement[];
  /** An end-of-support OS does not block. */
  allowEosl: boolean;
  /** An image whose OS Trivy did not detect does not block (scratch/distroless images). */
  allowUnknownOs: boolean;
  /** Secrets and failed misconfiguration checks are only mentioned, never block. */
  vulnerabilitiesOnly: boolean;
  /** `report` (Trivy's choice), `max` (highest vendor), or a vendor name (`nvd`, `debian`…). */
  severitySource: string;
  /** Exceptions within this many days of expiry are flagged. */
  expiringSoonDays: number;
  now: Date;
}

export type Disposition =
  | "blocking"
  | "below-threshold"
  | "not-affected"
  | "vex"
  | "exception"
  | "unfixed"
  | "ignored-status";

export interface AppliedException {
  id: string;
  package?: string;
  purl?: string;
  reason: string;
  expires: string;
  source: string;
  index: number;
}

/** A secret or failed misconfiguration check, and whether it fails the gate. */
export interface EvaluatedOther extends OtherFinding {
  blocking: boolean;
}

export interface EvaluatedFinding extends Finding {
  disposition: Disposition;
  fixable: boolean;
  /** The valid exception that suppressed it. */
  exception?: AppliedException;
  /** An expired exception that matched it (the finding blocks again). */
  expiredException?: AppliedException;
  vex?: { status: string; justification?: string; impactStatement?: string; source: string };
}

export interface ExceptionState extends AppliedException {
  matched: number;
  expired: boolean;
  daysLeft: number;
}

export interface Problem {
  code: "eosl" | "os-not-detected" | "secrets" | "misconfigurations";
  message: string;
}

export interface DiffEntry {
  id: string;
  package: string;
  pkgPath?: string;
  severity: Severity;
  installed: string;
  fixed?: string;
  status: string;
  /** For entries present in both reports: the baseline's values. */
  before?: {
    severity: Severity;
    installed: string;
    fixed?: string;
    status: string;
    package: string;
  };
}

export interface Diff {
  baseline: { source: string; artifactName?: string; os?: OsInfo };
  removed: DiffEntry[];
  added: DiffEntry[];
  unchanged: DiffEntry[];
  nowFixable: DiffEntry[];
  severityChanged: DiffEntry[];
  /** By vulnerability id only: package names differ between distributions. */
  cves: { removed: string[]; added: string[]; unchanged: string[] };
}

export interface Evaluation {
  passed: boolean;
  report: Pick<
    Report,
    "source" | "format" | "artifactName" | "artifactType" | "os" | "repoDigests"
  >;
  policy: Omit<Policy, "exceptions" | "vex" | "now"> & { now: string };
  /** Every unique finding, most severe first. */
  findings: EvaluatedFinding[];
  blocking: EvaluatedFinding[];
  problems: Problem[];
  /** Secrets and failed misconfiguration checks (judged by severity only). */
  others: EvaluatedOther[];
  counts: {
    entries: number;
    unique: number;
    duplicates: number;
    packages: number;
    vulnerabilities: number;
    bySeverity: Record<Severity, number>;
    blockingBySeverity: Record<Severity, number>;
    byDisposition: Record<Disposition, number>;
  };
  exceptions: {
    applied: ExceptionState[];
    expired: ExceptionState[];
    stale: ExceptionState[];
    expiringSoon: ExceptionState[];
  };
  vex: { statements: number; applied: number; unused: VexStatement[] };
  /** Things the gate saw but does not judge (secrets, misconfigurations). */
  notices: string[];
  /** Policy settings that had no effect on this report (a vendor no finding carries). */
  warnings: string[];
  diff?: Diff;
}
