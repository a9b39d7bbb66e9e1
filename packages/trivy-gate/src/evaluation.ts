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

/** One product of a VEX statement: its `@id` (a package URL, usually) and subcomponents. */
export interface VexProduct {
  id: string;
  /**
   * Package URLs of subcomponents. An image product (`pkg:oci`, `pkg:docker`) without any applies
   * to every package of that image, and only when the report is of that image.
   */
  subcomponents: string[];
}

/** One OpenVEX statement, flattened to what matching needs. */
export interface VexStatement {
  vulnerability: string;
  aliases: string[];
  products: VexProduct[];
  status: "not_affected" | "affected" | "fixed" | "under_investigation";
  justification?: string;
  impactStatement?: string;
  /** As written (the statement's, else the document's). */
  timestamp?: string;
  /** The timestamp in milliseconds since the epoch (whole seconds) … */
  time?: number;
  /** … and its fraction of a second as nine digits, so sub-millisecond order is kept. */
  timeFraction?: string;
  index: number;
  source: string;
}

/**
 * A product of a VEX statement that was not applied, and why: an image product naming another
 * image, or a package whose ecosystem a report without PURLs does not establish.
 */
export interface IgnoredVexProduct {
  vulnerability: string;
  product: string;
  source: string;
  index: number;
  reason: string;
}

export interface Policy {
  /**
   * Severities that block (default HIGH, CRITICAL). A threshold: every level at or above the
   * least severe one listed blocks too (UNKNOWN only when listed).
   */
  severities: Severity[];
  /** Only fixable findings block. */
  ignoreUnfixed: boolean;
  /**
   * Trivy statuses accepted as not blocking, e.g. `will_not_fix` and `end_of_life`: an explicit
   * choice, narrower than `ignoreUnfixed`: only the statuses listed stop blocking, so
   * `affected` findings block unless `affected` is listed too.
   */
  ignoreStatuses: Status[];
  exceptions: Exception[];
  vex: VexStatement[];
  /** An end-of-support OS does not block. */
  allowEosl: boolean;
  /** An OS whose end of support the gate cannot establish blocks (else it is a warning). */
  strictEosl: boolean;
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
  code:
    | "eosl"
    | "eosl-unknown"
    | "os-not-detected"
    | "os-not-scanned"
    | "os-type-mismatch"
    | "secrets"
    | "misconfigurations";
  message: string;
}

/**
 * The OS's support on the run date: `eosl` when the report says so (`Metadata.OS.EOSL`),
 * `ended` or `supported` from the gate's table of announced dates, `unknown` without either,
 * `rolling` for distributions without releases (Wolfi, Chainguard).
 */
export interface OsSupport {
  status: "eosl" | "ended" | "supported" | "unknown" | "rolling";
  source: "report" | "table" | "none";
  /** The release support is kept per: `3.14` for alpine 3.14.0, `9` for debian 9.13. */
  release?: string;
  /** Its last day of support (UTC), when the table has it. */
  ends?: string;
  /** The warning an `unknown` status gives (also in `warnings`); absent when it fails the gate. */
  warning?: string;
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
    "source" | "format" | "artifactName" | "artifactType" | "os" | "repoDigests" | "imageId"
  >;
  /**
   * `severities` is the effective set (every level at or above the least severe one listed);
   * `listedSeverities` what was asked for; `threshold` the words for it ("HIGH and above").
   */
  policy: Omit<Policy, "exceptions" | "vex" | "now"> & {
    now: string;
    listedSeverities: Severity[];
    threshold: string;
  };
  /** Every unique finding, most severe first. */
  findings: EvaluatedFinding[];
  blocking: EvaluatedFinding[];
  problems: Problem[];
  /** What the gate knows of the OS's end of support (absent when the report names no OS). */
  osSupport?: OsSupport;
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
  vex: {
    statements: number;
    applied: number;
    unused: VexStatement[];
    /**
     * Image products naming another image (or a report that names none), and packages of an
     * ecosystem the report does not establish: not applied.
     */
    ignored: IgnoredVexProduct[];
  };
  /** Things the gate saw but does not judge (secrets, misconfigurations). */
  notices: string[];
  /** Policy settings that had no effect on this report (a vendor no finding carries). */
  warnings: string[];
  diff?: Diff;
}
