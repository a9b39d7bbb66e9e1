import { createHash } from "node:crypto";
import type { EvaluatedOther } from "../evaluation.js";
import type { Severity } from "../types.js";
import { field, sarifRuleId, shownOther } from "./fields.js";
import { pathToUri, sarifLocation } from "./sarif-uri.js";

/** What a SARIF result needs from the shared renderer. */
export interface SarifScale {
  level: Record<Severity, "error" | "warning" | "note">;
  securitySeverity: (severity: Severity) => string;
}

/** The rule id of a secret or misconfiguration: Trivy's RuleID / ID, or the title without one. */
export const otherRuleId = (o: EvaluatedOther): string =>
  o.id || `${o.kind}/${o.title.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 100)}`;

export function otherRule(other: EvaluatedOther, scale: SarifScale): Record<string, unknown> {
  const o = shownOther(other);
  const kind = o.kind === "secret" ? "Secret" : "Misconfiguration";
  return {
    id: sarifRuleId(otherRuleId(other)),
    name: kind,
    shortDescription: { text: field(other.title, "description") },
    fullDescription: { text: field(other.title, "description") },
    help: { text: `${kind} ${o.id}: ${o.title}. Severity: ${o.severity}.` },
    defaultConfiguration: { level: scale.level[o.severity] },
    properties: {
      "security-severity": scale.securitySeverity(o.severity),
      tags: ["security", o.kind, o.severity],
      precision: "very-high",
    },
  };
}

/**
 * A secret or failed check at the file and line Trivy names. Paths inside an image are absolute;
 * SARIF wants them relative to the checkout, which is the best GitHub can be told.
 */
export function otherResult(
  other: EvaluatedOther,
  ruleIndex: number,
  scale: SarifScale,
): Record<string, unknown> {
  const o = shownOther(other);
  const uri = pathToUri(o.target.replace(/^(\.?\/)+/, "") || o.target);
  const line = o.line ?? 1;
  const verdict = o.blocking ? "fails the gate" : "does not fail the gate";
  // The whole id and target, not the shown ones: two findings cut alike stay two alerts.
  const key = `${other.kind}|${otherRuleId(other)}|${other.target}|${other.line ?? ""}`;
  return {
    ruleId: sarifRuleId(otherRuleId(other)),
    ruleIndex,
    level: o.blocking
      ? "error"
      : scale.level[o.severity] === "error"
        ? "warning"
        : scale.level[o.severity],
    message: {
      text: `${o.kind === "secret" ? "Secret" : "Failed check"} ${o.id}: ${o.title} (${o.severity}) in ${o.target}${o.line ? `:${o.line}` : ""}; ${verdict}.`,
    },
    locations: [sarifLocation(uri, line, o.target)],
    partialFingerprints: { "alpinizeOther/v1": createHash("sha256").update(key).digest("hex") },
    properties: { kind: o.kind, severity: o.severity, blocking: o.blocking },
  };
}
