import { shadowOnlyTool } from "@alpinize/busybox";
import type { ScriptReference } from "../discover/scripts.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";

/**
 * What the images that run a script ask of its rewrite:
 * - `ignored`: only stages `images.ignore` names run it, so it stays as it is;
 * - `alpine`: every stage that runs it was Alpine before the migration, so it already works there
 *   and is rewritten only for tools Alpine lacks (useradd and the other shadow tools);
 * - `migrate`: some stage moves from Debian or Ubuntu (or is unknown): the full rewrite.
 */
export type ScriptScope = "ignored" | "alpine" | "migrate";

export function scriptScope(
  refs: readonly ScriptReference[],
  stagesOf: ReadonlyMap<string, StageInfo[]>,
  patterns: readonly string[],
): ScriptScope {
  let running = 0;
  const active: StageInfo[] = [];
  for (const ref of refs) {
    if (ref.role === "copied") continue;
    const stages = stagesOf.get(ref.dockerfile);
    if (!stages) return "migrate";
    for (const index of ref.stages) {
      const stage = stages[index];
      if (!stage) return "migrate";
      running++;
      if (!isStageIgnored(stage, stages, patterns)) active.push(stage);
    }
  }
  if (running > 0 && active.length === 0) return "ignored";
  if (active.length > 0 && active.every((s) => s.family === "alpine")) return "alpine";
  return "migrate";
}

const SU_EXEC_RULES: ReadonlySet<string> = new Set(["set-gosu", "gosu-su-exec"]);

/** Whether the entrypoint rewrite changed something an Alpine image cannot run as written. */
export function needsAlpineRewrite(edits: readonly { rule: string }[]): boolean {
  // `set -- gosu` … `exec "$@"`, and gosu calls made su-exec: the image has su-exec, no gosu.
  // A rule named after a shadow tool busybox has no applet for (`usermod-append`) is needed there too.
  return edits.some(
    (e) => SU_EXEC_RULES.has(e.rule) || shadowOnlyTool(e.rule.split("-")[0] ?? "") !== undefined,
  );
}
