import type { ExceptionState, OsSupport, Policy, Problem } from "../evaluation.js";
import { quoted } from "../message-text.js";
import { osResultTypes } from "../parse/os-from-results.js";
import type { Report, Severity } from "../types.js";
import { named, osSupportProblems } from "./os-support.js";
import { severityThresholdLabel } from "./severity.js";

/** Exceptions are meant to be revisited: one set further ahead than this is warned about. */
const LONG_EXCEPTION_DAYS = 366;

export function coverageProblems(
  report: Report,
  policy: Policy,
  support: OsSupport | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const image = report.artifactType === "container_image" || report.artifactType === "vm";
  const osResult = report.results.some((r) => r.class === "os-pkgs");
  if (!report.os && !osResult && !policy.allowUnknownOs) {
    if (image)
      problems.push({
        code: "os-not-detected",
        message:
          "Trivy did not detect the image's operating system, so OS packages were not scanned; this is not a pass (use --allow-unknown-os for scratch or distroless images)",
      });
    // Fail closed: with no ArtifactType (legacy reports, or `[]`) it may have been an image.
    else if (!report.artifactType)
      problems.push({
        code: "os-not-detected",
        message:
          "the report does not say what was scanned (no ArtifactType) and has no OS packages result, so nothing shows an OS was scanned; this is not a pass (gate the report of `trivy image --format json`, or use --allow-unknown-os)",
      });
  }
  // Trivy keeps the OS packages result of a detected OS even when it is clean, so an OS named
  // with no such result was not scanned for vulnerabilities (--scanners secret, --pkg-types
  // library, an OS Trivy does not support). --allow-unknown-os is for images with no OS; it
  // does not accept this.
  if (report.os && !osResult) {
    const os = named(report.os);
    problems.push({
      code: "os-not-scanned",
      message: `Trivy detected ${os} but the report has no OS packages result (Class "os-pkgs"), so the OS packages were not scanned for vulnerabilities; this is not a pass: re-run Trivy with the vulnerability scanner (\`trivy image --scanners vuln\`, and no --pkg-types that leaves out os) and check that Trivy supports ${os}`,
    });
  }
  const mismatch = osTypeMismatch(report);
  if (mismatch) problems.push(mismatch);
  if (support)
    problems.push(...osSupportProblems(report.os, support, policy, osResultTypes(report.results)));
  return problems;
}

/**
 * Trivy fills `Metadata.OS.Family` and the OS packages result's `Type` from the one OS it
 * detected, so they are always the same string. A report where they differ (alpine named,
 * debian scanned) was edited or merged from two scans: its findings are not shown to be the
 * named OS's. Compared exactly as written, since Trivy spells families its own way
 * (`redhat`, `opensuse.leap`) and no other spelling occurs.
 */
function osTypeMismatch(report: Report): Problem | undefined {
  const os = report.os;
  if (!os) return undefined;
  const wrong = report.results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.class === "os-pkgs" && r.type !== os.family);
  if (wrong.length === 0) return undefined;
  const shown = wrong
    .slice(0, 5)
    .map(({ r, i }) => `Results[${i}] (${quoted(r.target)}) has Type "${quoted(r.type)}"`);
  const more = wrong.length > 5 ? ` and ${wrong.length - 5} more` : "";
  const name = named(os);
  return {
    code: "os-type-mismatch",
    message: `the report names the OS ${name} (Metadata.OS.Family "${quoted(os.family)}") but its OS packages result is of another OS: ${shown.join("; ")}${more}. Trivy writes both from the one OS it scanned, so the report was edited or merged from two scans and does not show ${name} was scanned; this is not a pass: gate the report Trivy wrote for this image`,
  };
}

/**
 * Any vendor name is accepted (Trivy adds vendors over time), so a typo such as `nvdd` would
 * silently judge by the report's severity: say so when no finding carries that vendor.
 */
export function severitySourceWarnings(report: Report, source: string): string[] {
  if (source === "report" || source === "max" || report.findings.length === 0) return [];
  if (report.findings.some((f) => f.vendorSeverity?.[source] !== undefined)) return [];
  const seen = new Set(report.findings.flatMap((f) => Object.keys(f.vendorSeverity ?? {})));
  const known =
    seen.size > 0
      ? `vendors in this report: ${quoted(
          [...seen]
            .sort()
            .map((v) => quoted(v))
            .join(", "),
          1000,
        )}`
      : "the report has no VendorSeverity";
  return [
    `severity source "${quoted(source)}" appears in no finding's VendorSeverity (${known}); every finding was judged by the report's own severity`,
  ];
}

export function longExceptionWarnings(states: ExceptionState[]): string[] {
  return states
    .filter((s) => s.daysLeft > LONG_EXCEPTION_DAYS)
    .map(
      (s) =>
        `${quoted(s.source)} exceptions[${s.index}] (${quoted(s.id)}) expires ${s.expires}, more than a year ahead: exceptions are meant to be revisited; pick a date within a year`,
    );
}

/** Secrets and failed checks at a blocking severity fail the gate, as they do Trivy's own. */
export function otherProblems(report: Report, policy: Policy, severities: Severity[]): Problem[] {
  if (policy.vulnerabilitiesOnly) return [];
  const problems: Problem[] = [];
  for (const kind of ["secret", "misconfiguration"] as const) {
    const hits = report.others.filter((o) => o.kind === kind && severities.includes(o.severity));
    if (hits.length === 0) continue;
    const shown = hits
      .slice(0, 5)
      .map(
        (o) => `${quoted(o.id)} ${o.severity} in ${quoted(o.target)}${o.line ? `:${o.line}` : ""}`,
      );
    const more = hits.length > 5 ? ` and ${hits.length - 5} more` : "";
    problems.push({
      code: kind === "secret" ? "secrets" : "misconfigurations",
      message: `${hits.length} ${kind === "secret" ? "secret(s)" : "failed misconfiguration check(s)"} at ${severityThresholdLabel(severities)}: ${shown.join("; ")}${more} (--vulnerabilities-only to judge vulnerabilities alone)`,
    });
  }
  return problems;
}

export function notices(report: Report): string[] {
  const out: string[] = [];
  const secrets = report.results.reduce((n, r) => n + r.secrets, 0);
  const misconf = report.results.reduce((n, r) => n + r.misconfigurations, 0);
  if (secrets)
    out.push(
      `${secrets} secret finding(s) in the report are not judged by this gate; review them with Trivy`,
    );
  if (misconf)
    out.push(
      `${misconf} failed misconfiguration check(s) in the report are not judged by this gate`,
    );
  return out;
}
