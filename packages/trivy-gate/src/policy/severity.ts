import { type Finding, SEVERITIES, type Severity } from "../types.js";

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Picks the severity the policy judges by, and names who decided it. */
export function chooseSeverity(f: Finding, mode: string): { severity: Severity; source: string } {
  const reported = { severity: f.severity, source: f.severitySource };
  if (mode === "report") return reported;
  const vendors = f.vendorSeverity ?? {};
  if (mode === "max") {
    let best = reported;
    for (const [source, severity] of Object.entries(vendors))
      if (severityRank(severity) > severityRank(best.severity)) best = { severity, source };
    return best;
  }
  const chosen = vendors[mode];
  return chosen ? { severity: chosen, source: mode } : reported;
}

export function parseSeverityList(text: string): Severity[] | undefined {
  const items = text
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (items.length === 0) return undefined;
  if (!items.every((s) => (SEVERITIES as readonly string[]).includes(s))) return undefined;
  return [...new Set(items)] as Severity[];
}
