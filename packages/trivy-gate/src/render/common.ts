import type { EvaluatedFinding, Evaluation } from "../evaluation.js";
import { quoted } from "../message-text.js";
import { type OsInfo, SEVERITIES, type Severity } from "../types.js";
import { field } from "./fields.js";

export const DESCENDING: Severity[] = [...SEVERITIES].reverse();

/** "1 CRITICAL, 2 HIGH" from a count per severity (zeros left out). */
export function severitySummary(counts: Record<Severity, number>): string {
  const parts = DESCENDING.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(", ") : "none";
}

export function artifactLabel(e: Evaluation): string {
  const name = quoted(e.report.artifactName ?? e.report.source);
  return `${name}${osSuffix(e.report.os)}`;
}

/**
 * " (family release)" after an artifact's name, each part through `shown`; " (family)" when the
 * report names no release (no Metadata.OS, no version in its Target); "" without an OS.
 */
export function osSuffix(
  os: OsInfo | undefined,
  shown: (text: string) => string = (t) => t,
): string {
  if (!os) return "";
  const parts = [os.family, os.name].filter((p) => p !== "").map((p) => shown(quoted(p)));
  return ` (${parts.join(" ")})`;
}

export function versionChange(f: { installed: string; fixed?: string | undefined }): string {
  return f.fixed ? `${f.installed} -> ${f.fixed}` : `${f.installed} (no fix)`;
}

export function statusLabel(f: EvaluatedFinding): string {
  return f.statusInferred ? `${f.status} (inferred)` : f.status;
}

export function packageLabel(f: { pkgName: string; pkgPath?: string | undefined }): string {
  return f.pkgPath ? `${f.pkgName} (${f.pkgPath})` : f.pkgName;
}

export function policyLine(e: Evaluation): string {
  const p = e.policy;
  const parts = [
    `blocks ${p.threshold}`,
    p.ignoreUnfixed ? "fixable only" : "fixed or not",
    ...(p.ignoreStatuses.length ? [`accepted statuses: ${p.ignoreStatuses.join(", ")}`] : []),
    `severity source: ${p.severitySource}`,
  ];
  if (p.allowEosl) parts.push("EOSL allowed");
  else if (p.strictEosl) parts.push("unknown end of life fails");
  if (p.allowUnknownOs) parts.push("unknown OS allowed");
  if (p.vulnerabilitiesOnly) parts.push("vulnerabilities only");
  return parts.join("; ");
}

export function dispositionSummary(e: Evaluation): string {
  const d = e.counts.byDisposition;
  const parts: string[] = [];
  if (d["below-threshold"]) parts.push(`${d["below-threshold"]} below the threshold`);
  if (d["not-affected"]) parts.push(`${d["not-affected"]} not affected (Trivy)`);
  if (d.vex) parts.push(`${d.vex} suppressed by VEX`);
  if (d.exception) parts.push(`${d.exception} excepted`);
  if (d.unfixed) parts.push(`${d.unfixed} without a fix (--ignore-unfixed)`);
  if (d["ignored-status"]) parts.push(`${d["ignored-status"]} with an accepted status`);
  return parts.join(", ");
}

/** An exception as a row names it: its id and package (or purl), each cut to its limit. */
export function exceptionLabel(x: {
  id: string;
  package?: string | undefined;
  purl?: string | undefined;
}): string {
  const scope = x.purl ?? x.package;
  const id = field(x.id, "id");
  return scope ? `${id} (${field(scope, "package")})` : id;
}

/** "1 package", "2 packages". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

/** "4 findings: 3 distinct vulnerability IDs in 2 packages" (one CVE in two packages is two findings). */
export function findingsSummary(c: { unique: number; vulnerabilities: number; packages: number }) {
  return `${plural(c.unique, "finding")}: ${plural(c.vulnerabilities, "distinct vulnerability ID")} in ${plural(c.packages, "package")}`;
}
