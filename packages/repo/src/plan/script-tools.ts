import { apkInstalls } from "../check/apk-history.js";
import { stageRelease } from "../check/apk-names.js";
import type { ScriptReference } from "../discover/scripts.js";
import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";

/** Whether every migrated stage that runs the script (or one it builds on) installs shadow. */
export function installsShadow(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
): boolean {
  return everyRunner(refs, stagesAfterOf, (stage, stages) =>
    apkInstalls(stage, stages).has("shadow"),
  );
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
  return everyRunner(refs, stagesAfterOf, (stage, stages) => {
    const installs = apkInstalls(stage, stages);
    return installs.has("su-exec") && !installs.has("gosu");
  });
}

// su-exec 0.2 (Alpine 3.21, 3.22: aports main/su-exec 0.2-r3) runs the command as root when the
// user name is unknown; 0.3 (3.23 on) stops there with exit 1, as gosu does.
const SU_EXEC_RUNS_UNKNOWN_AS_ROOT: ReadonlySet<string> = new Set(["3.21", "3.22"]);

/**
 * Whether the su-exec of every stage that runs the script stops on an unknown user name as gosu
 * does, so a gosu call can become su-exec with nothing else changed. The release is the one its
 * base image names (the first stage of its FROM chain; an unversioned `-alpine` tag follows the
 * newest); a release alpinize does not know (older, edge, a variable) counts as no.
 */
export function suExecRefusesUnknownUser(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
): boolean {
  return everyRunner(refs, stagesAfterOf, (stage, stages) => {
    const release = stageRelease(stageChain(stage, stages).at(-1) ?? stage);
    return release !== undefined && !SU_EXEC_RUNS_UNKNOWN_AS_ROOT.has(release);
  });
}

/** Whether `test` holds for every migrated stage that runs the script, and there is one. */
function everyRunner(
  refs: readonly ScriptReference[],
  stagesAfterOf: ReadonlyMap<string, StageInfo[]>,
  test: (stage: StageInfo, stages: StageInfo[]) => boolean,
): boolean {
  let running = 0;
  for (const ref of refs) {
    if (ref.role === "copied") continue;
    const stages = stagesAfterOf.get(ref.dockerfile);
    for (const index of ref.stages) {
      const stage = stages?.[index];
      if (!stages || !stage || !test(stage, stages)) return false;
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

/**
 * A group name the rewrite leaves (`getent group docker` after `groupadd -g 999 docker`) gets the
 * rewrite's `group-name` warning and the lint's finding at the same word of the rewritten script. Printed once, as
 * `alpinize entrypoint` prints it: the rewrite's words (they say what the rewrite made of the
 * call), with the lint's severity.
 */
export function mergedGroupNames<
  T extends {
    rule: string;
    line: number;
    column?: number;
    outputLine?: number;
    outputColumn?: number;
  },
>(
  rewrite: readonly (T & { severity?: "error" | "warning" })[],
  lint: readonly (T & { severity?: "error" | "warning" })[],
): T[] {
  // Paired where both are in the rewritten script: the lint ran there, and a word on a line the
  // rewrite changed (`chgrp docker /a; getent group docker`) maps back to no exact input column.
  const at = (w: T) =>
    w.outputLine !== undefined
      ? `out ${w.outputLine}:${w.outputColumn}`
      : `in ${w.line}:${w.column}`;
  const named = new Map(lint.filter((w) => w.rule === "group-name").map((w) => [at(w), w]));
  const paired = new Set<T>();
  const own = rewrite.map((w) => {
    const finding = w.rule === "group-name" ? named.get(at(w)) : undefined;
    if (!finding) return w;
    paired.add(finding);
    return finding.severity === undefined ? w : { ...w, severity: finding.severity };
  });
  return [...own, ...lint.filter((w) => !paired.has(w))];
}
