import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { applyUpdates, type UpdateStep } from "./apply-update.js";
import { MERGED_BRANCHES } from "./checks.js";
import type { RenovateInstall } from "./renovate-install.js";
import type { LabRun } from "./renovate-run.js";
import { commitAll } from "./scratch-repo.js";

/**
 * Merges the automerged digest branch as the platform would, and the floating-tags branch as a
 * person would after review: every pin and digest update, applied in `repo` and committed.
 */
export async function mergeDigestGroup(
  install: RenovateInstall,
  repo: string,
  workDir: string,
  result: LabRun,
): Promise<void> {
  const steps: UpdateStep[] = [];
  const contents: Record<string, string> = {};
  for (const [manager, files] of Object.entries(result.report.repositories.local!.packageFiles)) {
    for (const packageFile of files) {
      packageFile.deps.forEach((dep, depIndex) => {
        dep.updates.forEach((update, updateIndex) => {
          if (MERGED_BRANCHES.includes(update.branchName ?? "")) {
            steps.push({ manager, packageFile, depIndex, updateIndex });
          }
        });
      });
      contents[packageFile.packageFile] = await readFile(
        join(repo, packageFile.packageFile),
        "utf8",
      );
    }
  }
  const merged = await applyUpdates(install, workDir, contents, steps);
  for (const [path, text] of Object.entries(merged)) await writeFile(join(repo, path), text);
  await commitAll(repo, `merge ${MERGED_BRANCHES.join(" and ")}`);
}
