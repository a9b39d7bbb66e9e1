import type { LogLine, RenovateReport, ReportUpdate } from "./renovate-run.js";

export interface FoundDep {
  manager: string;
  packageFile: string;
  depName: string;
  packageName: string;
  currentValue: string;
  currentDigest: string | undefined;
  updates: ReportUpdate[];
}

/** Every docker-datasource dependency in the report, flattened (one repository: `local`). */
export function dockerDeps(report: RenovateReport): FoundDep[] {
  const repo = report.repositories.local;
  if (!repo) throw new Error("the report has no `local` repository");
  const found: FoundDep[] = [];
  for (const [manager, files] of Object.entries(repo.packageFiles)) {
    for (const file of files) {
      for (const dep of file.deps) {
        if (dep.datasource !== "docker") continue;
        found.push({
          manager,
          packageFile: file.packageFile,
          depName: dep.depName ?? "",
          packageName: dep.packageName ?? dep.depName ?? "",
          currentValue: dep.currentValue ?? "",
          currentDigest: dep.currentDigest,
          updates: dep.updates,
        });
      }
    }
  }
  return found;
}

export interface BranchUpgrade {
  datasource?: string;
  depName?: string;
  packageFile?: string;
  currentValue?: string;
  updateType?: string;
  newValue?: string;
  newDigest?: string;
  automerge?: boolean;
  groupName?: string;
  minimumReleaseAge?: string;
}

export interface Branch {
  branchName: string;
  automerge?: boolean;
  groupName?: string;
  upgrades: BranchUpgrade[];
}

/** The branches Renovate would create, with their resolved config (the "branches" log line). */
export function branchesFromLog(log: LogLine[]): Branch[] {
  const line = log.find((entry) => entry.msg === "branches" && Array.isArray(entry.branches));
  if (!line)
    throw new Error(
      'no "branches" line in the Renovate log (is logLevelRemap lifting it to debug?)',
    );
  return line.branches as Branch[];
}
