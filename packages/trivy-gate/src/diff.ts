import type { Diff, DiffEntry } from "./evaluation.js";
import { severityRank } from "./policy/severity.js";
import type { Finding, Report } from "./types.js";

/**
 * Compares a baseline report (e.g. the Debian image) with a new one (the Alpine image), keyed
 * by vulnerability id + package name (+ path for language packages), so a version bump of the
 * same package is "unchanged", not "removed + added".
 */
export function diffReports(baseline: Report, current: Report): Diff {
  const before = byPackage(baseline.findings);
  const after = byPackage(current.findings);
  const diff: Diff = {
    baseline: {
      source: baseline.source,
      ...(baseline.artifactName ? { artifactName: baseline.artifactName } : {}),
      ...(baseline.os ? { os: baseline.os } : {}),
    },
    removed: [],
    added: [],
    unchanged: [],
    nowFixable: [],
    severityChanged: [],
    cves: { removed: [], added: [], unchanged: [] },
  };
  for (const [key, old] of before) if (!after.has(key)) diff.removed.push(entry(old));
  for (const [key, now] of after) {
    const old = before.get(key);
    if (!old) {
      diff.added.push(entry(now));
      continue;
    }
    const e = entry(now, old);
    diff.unchanged.push(e);
    if (now.status === "fixed" && old.status !== "fixed") diff.nowFixable.push(e);
    if (now.severity !== old.severity) diff.severityChanged.push(e);
  }
  const oldIds = new Set(baseline.findings.map((f) => f.id));
  const newIds = new Set(current.findings.map((f) => f.id));
  diff.cves.removed = [...oldIds].filter((id) => !newIds.has(id)).sort();
  diff.cves.added = [...newIds].filter((id) => !oldIds.has(id)).sort();
  diff.cves.unchanged = [...newIds].filter((id) => oldIds.has(id)).sort();
  for (const list of [
    diff.removed,
    diff.added,
    diff.unchanged,
    diff.nowFixable,
    diff.severityChanged,
  ])
    list.sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        cmp(a.id, b.id) ||
        cmp(a.package, b.package),
    );
  return diff;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One finding per package key; with several installed copies the most severe stands for all. */
function byPackage(findings: Finding[]): Map<string, Finding> {
  const map = new Map<string, Finding>();
  for (const f of findings) {
    const seen = map.get(f.packageKey);
    if (!seen || severityRank(f.severity) > severityRank(seen.severity)) map.set(f.packageKey, f);
  }
  return map;
}

function entry(f: Finding, old?: Finding): DiffEntry {
  const e: DiffEntry = {
    id: f.id,
    package: f.pkgName,
    severity: f.severity,
    installed: f.installed,
    status: f.status,
  };
  if (f.pkgPath) e.pkgPath = f.pkgPath;
  if (f.fixed) e.fixed = f.fixed;
  if (old) {
    e.before = {
      severity: old.severity,
      installed: old.installed,
      status: old.status,
      package: old.pkgName,
    };
    if (old.fixed) e.before.fixed = old.fixed;
  }
  return e;
}
