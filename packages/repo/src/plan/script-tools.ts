import { apkInstalls } from "../check/apk-history.js";
import type { ScriptReference } from "../discover/scripts.js";
import type { StageInfo } from "../dockerfile/stages.js";

/** Whether every migrated stage that runs the script (or one it builds on) installs shadow. */
export function installsShadow(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
): boolean {
  return everyRunner(refs, stagesAfterOf, (installs) => installs.has("shadow"));
}

/** The packages every migrated stage that runs the script (or one it builds on) leaves installed. */
export function installedEverywhere(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
): ReadonlySet<string> {
  let common: Set<string> | undefined;
  for (const ref of refs) {
    if (ref.role === "copied") continue;
    const stages = stagesAfterOf.get(ref.dockerfile);
    for (const index of ref.stages) {
      const stage = stages?.[index];
      if (!stages || !stage) return new Set();
      const names = apkInstalls(stage, stages);
      common = new Set([...(common ?? names.keys())].filter((name) => names.has(name)));
    }
  }
  return common ?? new Set();
}

/**
 * Whether every migrated stage that runs the script installs su-exec and no gosu (a gosu download
 * anywhere in its Dockerfile counts as gosu), so `set -- gosu` must name su-exec.
 */
export function switchesWithSuExec(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
  gosuAfter: ReadonlySet<string>,
): boolean {
  if (refs.some((r) => r.role !== "copied" && gosuAfter.has(r.dockerfile))) return false;
  return everyRunner(
    refs,
    stagesAfterOf,
    (installs) => installs.has("su-exec") && !installs.has("gosu"),
  );
}

function everyRunner(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
  test: (installs: ReadonlyMap<string, unknown>) => boolean,
): boolean {
  let running = 0;
  for (const ref of refs) {
    if (ref.role === "copied") continue;
    const stages = stagesAfterOf.get(ref.dockerfile);
    for (const index of ref.stages) {
      const stage = stages?.[index];
      if (!stages || !stage || !test(apkInstalls(stage, stages))) return false;
      running++;
    }
  }
  return running > 0;
}

/**
 * A usermod or groupmod the rewrite declined already has its warning (saying what the call
 * lacks and to install shadow): the lint's shadow-tool finding at the same word would repeat it.
 */
export function withoutDeclinedShadow<T extends { rule: string; line: number; column?: number }>(
  lint: T[],
  rewrite: readonly { line: number; column?: number }[],
): T[] {
  const declined = new Set(rewrite.map((w) => `${w.line}:${w.column}`));
  return lint.filter((w) => w.rule !== "shadow-tool" || !declined.has(`${w.line}:${w.column}`));
}
