import { asciiUpper } from "../parse/ascii-case.js";
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
    .map((s) => asciiUpper(s.trim()))
    .filter(Boolean);
  if (items.length === 0) return undefined;
  if (!items.every((s) => (SEVERITIES as readonly string[]).includes(s))) return undefined;
  return [...new Set(items)] as Severity[];
}

/**
 * The severities that block, from the ones listed: a list is a threshold, so every level at or
 * above the least severe one listed blocks (`HIGH` blocks HIGH and CRITICAL; `LOW,CRITICAL`
 * blocks LOW and up). UNKNOWN sits outside the scale: it blocks only when listed and does not
 * lower the threshold; listed alone, everything blocks.
 */
export function effectiveSeverities(listed: readonly Severity[]): Severity[] {
  const known = listed.filter((s) => s !== "UNKNOWN");
  if (known.length === 0) return listed.length ? [...SEVERITIES] : [];
  const min = Math.min(...known.map(severityRank));
  return SEVERITIES.filter(
    (s) => (s === "UNKNOWN" && listed.includes(s)) || (s !== "UNKNOWN" && severityRank(s) >= min),
  );
}

/** "HIGH and above", "CRITICAL", "LOW and above, and UNKNOWN", "every severity". */
export function severityThresholdLabel(effective: readonly Severity[]): string {
  if (effective.length === SEVERITIES.length) return "every severity";
  const known = effective.filter((s) => s !== "UNKNOWN");
  const lowest = known[0];
  const base = !lowest ? "nothing" : lowest === "CRITICAL" ? "CRITICAL" : `${lowest} and above`;
  return effective.includes("UNKNOWN") ? `${base}, and UNKNOWN` : base;
}
