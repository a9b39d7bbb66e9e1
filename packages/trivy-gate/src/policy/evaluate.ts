import type {
  AppliedException,
  Disposition,
  EvaluatedFinding,
  Evaluation,
  Exception,
  ExceptionState,
  IgnoredVexProduct,
  Policy,
  VexStatement,
} from "../evaluation.js";
import { quoted } from "../message-text.js";
import { asciiUpper } from "../parse/ascii-case.js";
import { osResultTypes } from "../parse/os-from-results.js";
import { type Finding, type Report, SEVERITIES, type Severity } from "../types.js";
import { daysLeft } from "./exceptions.js";
import { imageIdentity, imageMismatch } from "./image.js";
import { exceptionMatches, latestStatement, vexMatches } from "./match.js";
import { osSupport } from "./os-support.js";
import {
  coverageProblems,
  longExceptionWarnings,
  notices,
  otherProblems,
  severitySourceWarnings,
} from "./problems.js";
import {
  chooseSeverity,
  effectiveSeverities,
  severityRank,
  severityThresholdLabel,
} from "./severity.js";

export function defaultPolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    severities: ["HIGH", "CRITICAL"],
    ignoreUnfixed: false,
    ignoreStatuses: [],
    exceptions: [],
    vex: [],
    allowEosl: false,
    strictEosl: false,
    allowUnknownOs: false,
    vulnerabilitiesOnly: false,
    severitySource: "report",
    expiringSoonDays: 14,
    now: new Date(),
    ...overrides,
  };
}

/** Judges a report against a policy. The verdict is here; reporters only render it. */
export function evaluate(report: Report, policy: Policy = defaultPolicy()): Evaluation {
  const states = policy.exceptions.map((ex) => exceptionState(ex, policy.now));
  const severities = effectiveSeverities(policy.severities);
  const image = imageIdentity(report);
  const mismatches = new Map<string, string | undefined>();
  const ctx: JudgeContext = {
    policy,
    blockSet: new Set(severities),
    imageMismatch: (purl) => {
      if (!mismatches.has(purl)) mismatches.set(purl, imageMismatch(purl, image));
      return mismatches.get(purl);
    },
    vexIgnored: new Map(),
    exceptionsById: indexBy(
      policy.exceptions.map((ex, i) => ({ ex, state: states[i]! })),
      (x) => [x.ex.id],
    ),
    vexById: indexBy(policy.vex, (s) => [s.vulnerability, ...s.aliases]),
    vexUsed: new Set<VexStatement>(),
  };
  const vexUsed = ctx.vexUsed;
  const findings = report.findings.map((f) => judge(f, ctx));
  findings.sort(bySeverityThenId);
  const blocking = findings.filter((f) => f.disposition === "blocking");
  // OS packages with no OS named still need a support status: unknown, so --strict-eosl fails.
  const osPackages = report.results.some((r) => r.class === "os-pkgs");
  const support =
    report.os || osPackages
      ? osSupport(report.os, policy, osResultTypes(report.results))
      : undefined;
  const problems = [
    ...coverageProblems(report, policy, support),
    ...otherProblems(report, policy, severities),
  ];
  const vexIgnored = [...ctx.vexIgnored.values()];
  const active = states.filter((s) => !s.expired);
  return {
    passed: blocking.length === 0 && problems.length === 0,
    report: {
      source: report.source,
      format: report.format,
      ...(report.artifactName ? { artifactName: report.artifactName } : {}),
      ...(report.artifactType ? { artifactType: report.artifactType } : {}),
      ...(report.os ? { os: report.os } : {}),
      repoDigests: report.repoDigests,
      ...(report.imageId ? { imageId: report.imageId } : {}),
    },
    policy: {
      severities,
      listedSeverities: policy.severities,
      threshold: severityThresholdLabel(severities),
      ignoreUnfixed: policy.ignoreUnfixed,
      ignoreStatuses: policy.ignoreStatuses,
      allowEosl: policy.allowEosl,
      strictEosl: policy.strictEosl,
      allowUnknownOs: policy.allowUnknownOs,
      vulnerabilitiesOnly: policy.vulnerabilitiesOnly,
      severitySource: policy.severitySource,
      expiringSoonDays: policy.expiringSoonDays,
      now: policy.now.toISOString(),
    },
    findings,
    blocking,
    problems,
    ...(support ? { osSupport: support } : {}),
    others: report.others.map((o) => ({
      ...o,
      blocking: !policy.vulnerabilitiesOnly && severities.includes(o.severity),
    })),
    counts: countAll(report, findings, blocking),
    exceptions: {
      applied: active.filter((s) => s.matched > 0),
      expired: states.filter((s) => s.expired),
      stale: states.filter((s) => s.matched === 0),
      expiringSoon: active.filter((s) => s.matched > 0 && s.daysLeft <= policy.expiringSoonDays),
    },
    vex: {
      statements: policy.vex.length,
      applied: vexUsed.size,
      unused: policy.vex.filter((s) => !vexUsed.has(s)),
      ignored: vexIgnored,
    },
    notices: policy.vulnerabilitiesOnly ? notices(report) : [],
    warnings: [
      ...(support?.warning ? [support.warning] : []),
      ...severitySourceWarnings(report, policy.severitySource),
      ...vexIgnored.map(
        (x) =>
          `${quoted(x.source)} statements[${x.index}] (${quoted(x.vulnerability)}, ${quoted(x.product)}) not applied: ${quoted(x.reason, 1000)}`,
      ),
      ...longExceptionWarnings(states),
    ],
  };
}

function exceptionState(ex: Exception, now: Date): ExceptionState {
  const left = daysLeft(ex.expires, now);
  return { ...applied(ex), matched: 0, expired: left < 0, daysLeft: left };
}

function applied(ex: Exception): AppliedException {
  const out: AppliedException = {
    id: ex.id,
    reason: ex.reason,
    expires: ex.expires,
    source: ex.source,
    index: ex.index,
  };
  if (ex.package) out.package = ex.package;
  if (ex.purl) out.purl = ex.purl;
  return out;
}

interface JudgeContext {
  policy: Policy;
  blockSet: Set<Severity>;
  exceptionsById: Map<string, { ex: Exception; state: ExceptionState }[]>;
  vexById: Map<string, VexStatement[]>;
  vexUsed: Set<VexStatement>;
  imageMismatch: (purl: string) => string | undefined;
  /** Image products not applied, by statement and product. */
  vexIgnored: Map<string, IgnoredVexProduct>;
}

/** Groups items by upper-cased vulnerability ids, so each finding looks at its own only. */
function indexBy<T>(items: T[], ids: (item: T) => string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const id of new Set(ids(item).map(asciiUpper))) {
      const list = map.get(id);
      if (list) list.push(item);
      else map.set(id, [item]);
    }
  }
  return map;
}

function judge(f: Finding, ctx: JudgeContext): EvaluatedFinding {
  const { policy, blockSet, exceptionsById, vexById, vexUsed } = ctx;
  const { severity, source } = chooseSeverity(f, policy.severitySource);
  const out: EvaluatedFinding = {
    ...f,
    severity,
    severitySource: source,
    fixable: f.status === "fixed",
    disposition: "blocking",
  };
  let valid: ExceptionState | undefined;
  let expired: ExceptionState | undefined;
  const id = asciiUpper(f.id);
  exceptionsById.get(id)?.forEach(({ ex, state }) => {
    if (!exceptionMatches(ex, f)) return;
    state.matched++;
    if (state.expired) expired ??= state;
    else valid ??= state;
  });
  const statement = latestStatement(
    (vexById.get(id) ?? []).filter((s) =>
      vexMatches(s, f, ctx.imageMismatch, (product, reason) => {
        const key = `${s.source}\0${s.index}\0${product}`;
        if (!ctx.vexIgnored.has(key))
          ctx.vexIgnored.set(key, {
            vulnerability: s.vulnerability,
            product,
            source: s.source,
            index: s.index,
            reason,
          });
      }),
    ),
  );
  if (statement) vexUsed.add(statement);
  out.disposition = disposition(out, blockSet, policy, valid, statement);
  if (valid && out.disposition === "exception") out.exception = strip(valid);
  if (expired && !valid) out.expiredException = strip(expired);
  if (statement && out.disposition === "vex") {
    out.vex = { status: statement.status, source: statement.source };
    if (statement.justification) out.vex.justification = statement.justification;
    if (statement.impactStatement) out.vex.impactStatement = statement.impactStatement;
  }
  return out;
}

function disposition(
  f: EvaluatedFinding,
  blockSet: Set<Severity>,
  policy: Policy,
  valid: ExceptionState | undefined,
  statement: VexStatement | undefined,
): Disposition {
  if (f.status === "not_affected") return "not-affected";
  if (!blockSet.has(f.severity)) return "below-threshold";
  if (statement && (statement.status === "not_affected" || statement.status === "fixed"))
    return "vex";
  if (valid) return "exception";
  // Merged duplicates are accepted only when every copy's status is.
  const statuses = [f.status, ...(f.otherStatuses ?? [])];
  if (statuses.every((s) => policy.ignoreStatuses.includes(s)) && !f.statusInferred)
    return "ignored-status";
  if (policy.ignoreUnfixed && !f.fixable) return "unfixed";
  return "blocking";
}

const strip = (s: ExceptionState): AppliedException => {
  const { matched: _m, expired: _e, daysLeft: _d, ...rest } = s;
  return rest;
};

function bySeverityThenId(a: EvaluatedFinding, b: EvaluatedFinding): number {
  const d = severityRank(b.severity) - severityRank(a.severity);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

const DISPOSITIONS: Disposition[] = [
  "blocking",
  "below-threshold",
  "not-affected",
  "vex",
  "exception",
  "unfixed",
  "ignored-status",
];

function countAll(
  report: Report,
  findings: EvaluatedFinding[],
  blocking: EvaluatedFinding[],
): Evaluation["counts"] {
  const bySeverity = zero(SEVERITIES);
  const blockingBySeverity = zero(SEVERITIES);
  const byDisposition = zero(DISPOSITIONS);
  const packages = new Set<string>();
  const ids = new Set<string>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    byDisposition[f.disposition]++;
    packages.add(`${f.pkgName}|${f.pkgPath ?? ""}`);
    ids.add(f.id);
  }
  for (const f of blocking) blockingBySeverity[f.severity]++;
  return {
    entries: findings.length + report.duplicates,
    unique: findings.length,
    duplicates: report.duplicates,
    packages: packages.size,
    vulnerabilities: ids.size,
    bySeverity,
    blockingBySeverity,
    byDisposition,
  };
}
