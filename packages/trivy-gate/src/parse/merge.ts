import { type Finding, SEVERITIES, type Severity, type Status } from "../types.js";

/**
 * Statuses by how likely they are to block, most first: `fixed` blocks under every policy
 * (--ignore-unfixed keeps it, --ignore-status cannot name it), `not_affected` under none.
 */
const STATUS_ORDER: Status[] = [
  "not_affected",
  "end_of_life",
  "will_not_fix",
  "fix_deferred",
  "unknown",
  "under_investigation",
  "affected",
  "fixed",
];

const sevRank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Adds `f` to the findings by key. Copies of one finding (the same CVE in one package reported
 * under two targets) can disagree; the merged finding takes the most blocking value of every
 * dimension on its own, so the verdict never depends on the order of the copies.
 */
export function mergeFinding(
  byKey: Map<string, Finding>,
  f: Finding,
  report: { duplicates: number },
): void {
  const seen = byKey.get(f.key);
  if (!seen) {
    byKey.set(f.key, f);
    return;
  }
  report.duplicates++;
  if (!seen.targets.includes(f.target)) seen.targets.push(f.target);
  mergeSeverity(seen, f);
  mergeVendors(seen, f);
  mergeStatus(seen, f);
  const types = [seen.resultType, ...(seen.otherResultTypes ?? [])];
  if (!types.includes(f.resultType)) seen.otherResultTypes = [...types.slice(1), f.resultType];
}

function mergeSeverity(into: Finding, f: Finding): void {
  const d = sevRank(f.severity) - sevRank(into.severity);
  // Ties pick the alphabetically first source, so the label does not depend on order either.
  if (d < 0 || (d === 0 && f.severitySource >= into.severitySource)) return;
  into.severity = f.severity;
  into.severitySource = f.severitySource;
  if (f.cvss) into.cvss = f.cvss;
  else delete into.cvss;
}

function mergeVendors(into: Finding, f: Finding): void {
  if (!f.vendorSeverity) return;
  const out = { ...into.vendorSeverity };
  for (const [vendor, sev] of Object.entries(f.vendorSeverity)) {
    const had = out[vendor];
    if (had === undefined || sevRank(sev) > sevRank(had)) out[vendor] = sev;
  }
  into.vendorSeverity = out;
}

function mergeStatus(into: Finding, f: Finding): void {
  const all = new Set<Status>([into.status, ...(into.otherStatuses ?? []), f.status]);
  const status = STATUS_ORDER.filter((s) => all.has(s)).pop()!;
  into.status = status;
  all.delete(status);
  if (all.size) into.otherStatuses = STATUS_ORDER.filter((s) => all.has(s));
  // An inferred status never matches --ignore-status, so inferred is the more blocking side.
  into.statusInferred = into.statusInferred || f.statusInferred;
  const fixes = new Set(
    [into.fixed, f.fixed].flatMap((v) => (v ? v.split(/,\s*/) : [])).filter(Boolean),
  );
  if (fixes.size) into.fixed = [...fixes].sort().join(", ");
}
