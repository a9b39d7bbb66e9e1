/** How a Debian package relates to what Alpine installs instead. */
export type MappingKind = "exact" | "renamed" | "split" | "merged" | "none" | "unknown";

/** One mapping decision, always with the reason a reviewer can check. */
export interface PackageDecision {
  /** The Debian (or Ubuntu) name as given. */
  debian: string;
  /** Alpine package names to install; empty when Alpine needs nothing (kind "none") or none is known. */
  alpine: string[];
  kind: MappingKind;
  /** One sentence: why this answer. */
  reason: string;
  /**
   * Which layer decided: project-override, override (curated), not-needed, no-equivalent, t64,
   * versioned, exact, name-rule, upstream, unknown, invalid (not a Debian package name).
   */
  layer: string;
  /** For "unknown": the closest Alpine names that exist in the release. */
  candidates?: string[];
  /** A versioned name (php8.2, postgresql-15) answered with another major the release has. */
  versionChange?: { family: string; from: string; to: string };
}

/** One step of the evidence chain `explain` returns. */
export interface EvidenceStep {
  layer: string;
  detail: string;
}

export interface Explanation {
  release: string;
  decision: PackageDecision;
  /** Every layer that looked at the name, in order, ending with the one that decided. */
  steps: EvidenceStep[];
}

/** What the Dockerfile is known to use, so the smallest correct package can be chosen. */
export interface MapContext {
  /** Commands the surrounding script runs (e.g. ["envsubst"], ["setcap"]). */
  commands?: readonly string[];
}

export interface PackageMapOptions {
  /** Alpine release "X.Y"; defaults to the newest release with data. */
  release?: string;
  /** Project overrides: Debian name → Alpine names (empty array = not needed). */
  overrides?: Readonly<Record<string, readonly string[]>>;
  /**
   * Use the curated entries (default true). `false` measures the generated data and the rules
   * alone, which is how the evaluation reports how well the map generalises.
   */
  curated?: boolean;
  /**
   * How many distinct unknown names get a typo search for `candidates` (default 2,000); later
   * unknown names get only the candidates that share their stem, and their reason says so.
   */
  typoSearchLimit?: number;
}

export interface PackageMap {
  readonly release: string;
  map(debianName: string, context?: MapContext): PackageDecision;
  /** Whether an Alpine package (or subpackage) of this name exists in the release. */
  exists(alpineName: string): boolean;
  /** The decision with the chain of evidence that led to it. */
  explain(debianName: string, context?: MapContext): Explanation;
  /**
   * The commands a Debian package installs in bin directories (bookworm) and those a curated
   * entry picks parts by; empty when they are not known (the facts list them only for binaries
   * named apart from their source: `libcap2-bin`, not `curl` or `nodejs`).
   */
  commandsOf(debianName: string): string[];
}
