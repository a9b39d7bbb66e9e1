import type { EvaluatedFinding, Evaluation } from "../evaluation.js";
import type { RenderOptions } from "./options.js";

/** One finding as the JSON output names it (stable field names, independent of Trivy's). */
export function findingJson(f: EvaluatedFinding): Record<string, unknown> {
  return {
    id: f.id,
    package: f.pkgName,
    ...(f.pkgPath ? { pkgPath: f.pkgPath } : {}),
    ...(f.purl ? { purl: f.purl } : {}),
    installed: f.installed,
    fixed: f.fixed ?? null,
    severity: f.severity,
    severitySource: f.severitySource,
    status: f.status,
    statusInferred: f.statusInferred,
    fixable: f.fixable,
    disposition: f.disposition,
    target: f.target,
    targets: f.targets,
    ...(f.title ? { title: f.title } : {}),
    ...(f.primaryUrl ? { url: f.primaryUrl } : {}),
    ...(f.cvss ? { cvss: f.cvss } : {}),
    key: f.key,
    ...(f.fingerprint ? { trivyFingerprint: f.fingerprint } : {}),
    ...(f.exception ? { exception: f.exception } : {}),
    ...(f.expiredException ? { expiredException: f.expiredException } : {}),
    ...(f.vex ? { vex: f.vex } : {}),
  };
}

/**
 * Pretty JSON, except that each finding sits on one line: grep-friendly, and about a third
 * smaller than fully indented output for reports with many findings.
 */
export function renderJson(e: Evaluation, options: RenderOptions = {}): string {
  const BLOCKING = "\u0000blocking";
  const FINDINGS = "\u0000findings";
  const doc = {
    schema: "alpinize.gate/v1",
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    passed: e.passed,
    blocking: BLOCKING,
    problems: e.problems,
    ...(e.osSupport ? { osSupport: e.osSupport } : {}),
    others: e.others,
    report: e.report,
    policy: e.policy,
    counts: e.counts,
    exceptions: e.exceptions,
    vex: e.vex,
    notices: e.notices,
    warnings: e.warnings,
    ...(e.diff ? { diff: e.diff } : {}),
    findings: FINDINGS,
  };
  const head = JSON.stringify(doc, null, 2);
  const others = e.findings.filter((f) => f.disposition !== "blocking");
  // `blocking` comes before any text from the report and `findings` after all of it, so the
  // first and last placeholder positions are ours even if a report string looked the same.
  const bToken = JSON.stringify(BLOCKING);
  const fToken = JSON.stringify(FINDINGS);
  const b = head.indexOf(bToken);
  const f = head.lastIndexOf(fToken);
  return [
    head.slice(0, b),
    findingLines(e.blocking),
    head.slice(b + bToken.length, f),
    findingLines(others),
    head.slice(f + fToken.length),
    "\n",
  ].join("");
}

function findingLines(list: EvaluatedFinding[]): string {
  if (list.length === 0) return "[]";
  return `[\n${list.map((f) => `    ${JSON.stringify(findingJson(f))}`).join(",\n")}\n  ]`;
}
