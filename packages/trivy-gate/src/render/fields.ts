import { createHash } from "node:crypto";
import type { DiffEntry, EvaluatedFinding, EvaluatedOther } from "../evaluation.js";
import { quoted } from "../message-text.js";

/**
 * The most characters a text, Markdown or SARIF row shows of each report field. Real values are
 * far shorter (CVE-2024-12345, GHSA-…, npm names up to 214, Go module paths, Debian versions);
 * a longer one is cut with an ellipsis, so one finding of 5 MB names cannot make the step
 * summary (1 MiB), a PR comment (65,536 characters) or a SARIF upload out of reach.
 */
export const FIELD_LIMITS = {
  id: 100,
  package: 200,
  version: 100,
  title: 200,
  /** A SARIF rule's description: more of the title than a row (GitHub shows up to 1024). */
  description: 1000,
  target: 200,
  /** Severity source, status, a VEX product or justification. */
  word: 100,
  /** An exception's reason or a VEX reason: a sentence someone wrote. */
  reason: 500,
  /** A link longer than this is shown as text only: a cut URL would lead elsewhere. */
  url: 2000,
} as const;

/** One report field as a row shows it: one line, no control characters, cut at its limit. */
export const field = (text: string, kind: keyof typeof FIELD_LIMITS): string =>
  quoted(text, FIELD_LIMITS[kind]);

/** A finding with every field a row shows cut to its limit (the finding itself stays whole). */
export function shownFinding(f: EvaluatedFinding): EvaluatedFinding {
  const out: EvaluatedFinding = {
    ...f,
    id: field(f.id, "id"),
    pkgName: field(f.pkgName, "package"),
    installed: field(f.installed, "version"),
    severitySource: field(f.severitySource, "word"),
    target: targetsLabel(f),
  };
  if (f.pkgPath !== undefined) out.pkgPath = field(f.pkgPath, "target");
  if (f.fixed !== undefined) out.fixed = field(f.fixed, "version");
  if (f.title !== undefined) out.title = field(f.title, "title");
  if (f.primaryUrl !== undefined && f.primaryUrl.length > FIELD_LIMITS.url) delete out.primaryUrl;
  return out;
}

/** Targets a row names at most; the rest are counted (JSON output lists them all). */
const SHOWN_TARGETS = 3;

/**
 * Every target of a finding merged from several (one CVE in the same package of two lockfiles):
 * naming only the first sent readers to fix one file and find the same finding again in the
 * next run.
 */
function targetsLabel(f: EvaluatedFinding): string {
  // A set: two targets that differ only in a masked password read as one.
  const all = [...new Set([f.target, ...f.targets])];
  const named = all.slice(0, SHOWN_TARGETS).map((t) => field(t, "target"));
  const more = all.length - named.length;
  return `${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** A diff entry as a row shows it. */
export function shownEntry(x: DiffEntry): DiffEntry {
  const out: DiffEntry = {
    ...x,
    id: field(x.id, "id"),
    package: field(x.package, "package"),
    installed: field(x.installed, "version"),
  };
  if (x.fixed !== undefined) out.fixed = field(x.fixed, "version");
  return out;
}

/** A secret or failed check as a SARIF result shows it. */
export function shownOther(o: EvaluatedOther): EvaluatedOther {
  return {
    ...o,
    id: field(o.id, "id"),
    title: field(o.title, "title"),
    target: field(o.target, "target"),
  };
}

/**
 * A SARIF `ruleId` (and `rules[].id`) for an id from the report. SARIF sets no length, but code
 * scanning shows the id as the alert's rule and one of 5 MB made a 183 MB upload. An id within
 * the limit is kept exactly as the report spells it; a longer one is cut and ends in `~` and 16
 * hex digits of the whole id's SHA-256: the same id gives the same rule in every run, and two
 * long ids that share their first 100 characters stay two rules.
 */
export function sarifRuleId(id: string): string {
  if (id.length <= FIELD_LIMITS.id) return id;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 16);
  return `${field(id, "id")}~${hash}`;
}
