import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RenovateInstall } from "./renovate-install.js";
import type { ReportPackageFile } from "./renovate-run.js";
import { run } from "./run.js";

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "apply-update.mjs");

export interface UpdateStep {
  manager: string;
  packageFile: ReportPackageFile;
  depIndex: number;
  updateIndex: number;
}

/**
 * The files after Renovate's own rewrite code (doAutoReplace) applies each step in order, as the
 * merged branch would hold them. `contents` maps each package file path to its current text.
 */
export async function applyUpdates(
  install: RenovateInstall,
  scratchDir: string,
  contents: Record<string, string>,
  steps: UpdateStep[],
): Promise<Record<string, string>> {
  const localDir = join(scratchDir, "local");
  await rm(localDir, { recursive: true, force: true });
  for (const path of Object.keys(contents)) {
    await mkdir(dirname(join(localDir, path)), { recursive: true });
  }
  const requestPath = join(scratchDir, "request.json");
  const resultPath = join(scratchDir, "result.json");
  const renovateDist = dirname(install.renovate);
  await writeFile(requestPath, JSON.stringify({ renovateDist, localDir, contents, steps }));
  const result = await run(install.node, [SCRIPT, requestPath, resultPath], {
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  if (result.code !== 0) throw new Error(`apply-update.mjs failed: ${result.stderr.slice(-2000)}`);
  const answer = JSON.parse(await readFile(resultPath, "utf8")) as {
    contents?: Record<string, string>;
    error?: string;
  };
  if (!answer.contents) throw new Error(`Renovate refused a rewrite: ${answer.error}`);
  return answer.contents;
}
