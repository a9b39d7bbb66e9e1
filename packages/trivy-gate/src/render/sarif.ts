import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { EvaluatedFinding, EvaluatedOther, Evaluation } from "../evaluation.js";
import { severityRank } from "../policy/severity.js";
import { trimChar } from "../trim.js";
import type { Severity } from "../types.js";
import { packageLabel, versionChange } from "./common.js";
import { FIELD_LIMITS, field, sarifRuleId, shownFinding } from "./fields.js";
import { cell, link, safeUrl } from "./markdown.js";
import type { RenderOptions } from "./options.js";
import { otherResult, otherRule, otherRuleId, type SarifScale } from "./sarif-others.js";
import { osProblemResults } from "./sarif-problems.js";
import { pathToUri, sarifLocation } from "./sarif-uri.js";

/** GitHub keeps at most this many results per run (by severity). */
export const GITHUB_RESULT_LIMIT = 5000;

// GitHub bands: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
const BANDS: Record<Severity, [number, number, number]> = {
  CRITICAL: [9.0, 10.0, 9.5],
  HIGH: [7.0, 8.9, 8.0],
  MEDIUM: [4.0, 6.9, 5.5],
  LOW: [0.1, 3.9, 2.0],
  UNKNOWN: [0.0, 0.0, 0.0],
};

/** A score GitHub will file under the same label: the CVSS score when it fits the band. */
export function securitySeverity(severity: Severity, cvss?: number): string {
  const [lo, hi, fallback] = BANDS[severity];
  const score = cvss !== undefined && cvss >= lo && cvss <= hi ? cvss : fallback;
  return score.toFixed(1);
}

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  CRITICAL: "error",
  HIGH: "error",
  MEDIUM: "warning",
  LOW: "note",
  UNKNOWN: "note",
};

const SCALE: SarifScale = { level: LEVEL, securitySeverity: (s) => securitySeverity(s) };

type Item =
  | { finding: EvaluatedFinding; other?: never }
  | { other: EvaluatedOther; finding?: never };

export function renderSarif(e: Evaluation, options: RenderOptions = {}): string {
  const limit = options.maxSarifResults ?? GITHUB_RESULT_LIMIT;
  // Blocking first, then by severity: what is dropped by truncation matters least. Secrets and
  // failed checks come after the blocking vulnerabilities they rank with.
  const others = [...e.others].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const ordered: Item[] = [
    ...e.blocking.map((f) => ({ finding: f })),
    ...others.filter((o) => o.blocking).map((o) => ({ other: o })),
    ...e.findings.filter((f) => f.disposition !== "blocking").map((f) => ({ finding: f })),
    ...others.filter((o) => !o.blocking).map((o) => ({ other: o })),
  ];
  const uri = pathToUri(options.sarifLocation ?? "Dockerfile");
  // First and never left out: a problem of the OS alone fails the gate.
  const problems = osProblemResults(e, uri, 0);
  const kept = ordered.slice(0, Math.max(0, limit - problems.results.length));
  const dropped = ordered.length - kept.length;
  const rules: Record<string, unknown>[] = [...problems.rules];
  const ruleIndex = new Map<string, number>();
  const worst = new Map<string, EvaluatedFinding>();
  const worstOther = new Map<string, EvaluatedOther>();
  for (const { finding: f, other: o } of kept) {
    if (f) {
      const w = worst.get(f.id);
      if (!w || severityRank(f.severity) > severityRank(w.severity)) worst.set(f.id, f);
    } else {
      const id = otherRuleId(o!);
      const w = worstOther.get(id);
      if (!w || severityRank(o!.severity) > severityRank(w.severity)) worstOther.set(id, o!);
    }
  }
  const indexOf = (id: string, make: () => Record<string, unknown>) => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push(make());
    }
    return index;
  };
  const found = kept.map(({ finding: f, other: o }) => {
    if (f)
      return result(
        f,
        indexOf(f.id, () => rule(worst.get(f.id)!)),
        uri,
      );
    const other = o!;
    const id = otherRuleId(other);
    return otherResult(
      other,
      indexOf(id, () => otherRule(worstOther.get(id)!, SCALE)),
      SCALE,
    );
  });
  const results = [...problems.results, ...found];
  distinctFingerprints(results);
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: "alpinize-gate",
        informationUri: "https://github.com/alpinize/alpinize",
        ...(options.toolVersion ? { version: options.toolVersion } : {}),
        rules,
      },
    },
    automationDetails: { id: `${options.sarifCategory ?? category(e)}/` },
    results,
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          ...(dropped
            ? [
                `${dropped} lower-priority finding(s) were left out to stay within GitHub's limit of ${limit} results per run; see the JSON output for all.`,
              ]
            : []),
          // Every warning (the end-of-life one among them), as stderr and Markdown show them.
          ...e.warnings,
        ].map((text) => ({ level: "warning", message: { text } })),
      },
    ],
    properties: {
      passed: e.passed,
      blocking: e.blocking.length,
      truncated: dropped,
      problems: e.problems.map((p) => p.message),
      ...(e.osSupport ? { osSupport: e.osSupport } : {}),
    },
  };
  const doc = {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [run],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * One category per image, so uploads for two images do not replace each other. The digest is
 * dropped: it changes with every build, and alerts in an abandoned category never close.
 */
function category(e: Evaluation): string {
  const name =
    e.report.artifactName?.replace(/@sha256:[0-9a-f]+$/i, "") ?? basename(e.report.source);
  const safe = trimChar(name.replace(/[^A-Za-z0-9._:-]+/g, "-"), "-") || "report";
  return `alpinize-gate/${boundedCategory(safe)}`;
}

/**
 * An image name past FIELD_LIMITS.package characters is cut and ends in `-` and 16 hex digits of
 * its SHA-256 (ASCII, like the rest of the category): still one stable category per image.
 */
function boundedCategory(name: string): string {
  if (name.length <= FIELD_LIMITS.package) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 16);
  return `${name.slice(0, FIELD_LIMITS.package)}-${hash}`;
}

function rule(finding: EvaluatedFinding): Record<string, unknown> {
  const f = shownFinding(finding);
  const title = f.title ?? `${f.id} in ${f.pkgName}`;
  const description = finding.title ? field(finding.title, "description") : title;
  const help = [
    `${f.id}: ${title}`,
    `Severity: ${f.severity} (source: ${f.severitySource})`,
    f.primaryUrl ? `More: ${f.primaryUrl}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return {
    id: sarifRuleId(finding.id),
    name: f.resultClass === "lang-pkgs" ? "LanguagePackageVulnerability" : "OsPackageVulnerability",
    shortDescription: { text: description },
    fullDescription: { text: description },
    ...(safeUrl(f.primaryUrl) ? { helpUri: safeUrl(f.primaryUrl) } : {}),
    help: {
      text: help,
      markdown: `**${cell(f.id)}**: ${cell(title)}\n\n| Severity | Source | Package |\n| --- | --- | --- |\n| ${f.severity} | ${cell(f.severitySource)} | ${cell(f.pkgName)} |${safeUrl(f.primaryUrl) ? `\n\n${link(f.id, f.primaryUrl)}` : ""}`,
    },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: {
      "security-severity": securitySeverity(f.severity, f.cvss?.score),
      tags: ["security", "vulnerability", f.severity],
      precision: "very-high",
    },
  };
}

function result(
  finding: EvaluatedFinding,
  ruleIndex: number,
  uri: string,
): Record<string, unknown> {
  const f = shownFinding(finding);
  const verdict =
    f.disposition === "blocking" ? "blocks the release" : `not blocking (${f.disposition})`;
  const text = `${f.id} in ${packageLabel(f)} ${versionChange(f)}: ${f.severity} (source: ${f.severitySource}), status ${f.status}; ${verdict}. Target: ${f.target}`;
  const out: Record<string, unknown> = {
    ruleId: sarifRuleId(finding.id),
    ruleIndex,
    level:
      f.disposition === "blocking"
        ? "error"
        : LEVEL[f.severity] === "error"
          ? "warning"
          : LEVEL[f.severity],
    message: { text },
    locations: [sarifLocation(uri, 1, f.target)],
    // The whole key, not the shown fields: two findings cut alike stay two alerts.
    partialFingerprints: { "alpinizeFinding/v1": createHash("sha256").update(f.key).digest("hex") },
    properties: {
      package: f.pkgName,
      installed: f.installed,
      fixed: f.fixed ?? null,
      status: f.status,
      severitySource: f.severitySource,
      disposition: f.disposition,
      ...(f.fingerprint ? { trivyFingerprint: field(f.fingerprint, "id") } : {}),
    },
  };
  const reason = f.exception?.reason ?? f.vex?.justification ?? f.vex?.impactStatement;
  if (f.disposition === "exception" || f.disposition === "vex")
    out.suppressions = [
      {
        kind: "external",
        status: "accepted",
        justification: reason ? field(reason, "reason") : f.disposition,
      },
    ];
  return out;
}

/**
 * Code scanning merges results with the same fingerprint into one alert. Two secrets whose
 * targets differ only in a masked password would share one: each later one gets its own, so
 * masking never merges two findings.
 */
function distinctFingerprints(results: Record<string, unknown>[]): void {
  const seen = new Set<string>();
  for (const r of results) {
    const prints = r.partialFingerprints as Record<string, string>;
    for (const [name, value] of Object.entries(prints)) {
      let print = value;
      for (let n = 2; seen.has(print); n++)
        print = createHash("sha256").update(`${value}#${n}`).digest("hex");
      seen.add(print);
      prints[name] = print;
    }
  }
}
