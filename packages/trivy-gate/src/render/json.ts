import type { EvaluatedFinding, Evaluation } from "../evaluation.js";
import type { RenderOptions } from "./index.js";

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
    ...(f.exception ? { exception: f.exception } : {}),
    ...(f.expiredException ? { expiredException: f.expiredException } : {}),
    ...(f.vex ? { vex: f.vex } : {}),
  };
}

export function renderJson(e: Evaluation, options: RenderOptions = {}): string {
  const doc = {
    schema: "alpinize.gate/v1",
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    passed: e.passed,
    blocking: e.blocking.map(findingJson),
    problems: e.problems,
    report: e.report,
    policy: e.policy,
    counts: e.counts,
    exceptions: e.exceptions,
    vex: e.vex,
    notices: e.notices,
    ...(e.diff ? { diff: e.diff } : {}),
    findings: e.findings.filter((f) => f.disposition !== "blocking").map(findingJson),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
