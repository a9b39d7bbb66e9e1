import { unmetExecNeeds } from "../check/exec-as-missing.js";
import { execNeeds } from "../check/exec-tools.js";
import type { ScriptReference } from "../discover/scripts.js";
import { stageChain } from "../dockerfile/stage-links.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { type ApkPlacement, addToStages } from "./apk-insert.js";
import type { FilePlan, RepoPlan } from "./types.js";

/** The rewrite rules whose calls became alpinize_exec_as or su-exec. */
const SWITCH_RULES = new Set(["gosu", "su-exec", "runuser", "setpriv", "set-gosu", "gosu-su-exec"]);

interface Want {
  scripts: Set<string>;
  /** The COPY line (of the Dockerfile as it was) of the first script that asks for it. */
  line: number;
  origins: Set<string>;
}

/**
 * Every stage this migration moved to Alpine whose entrypoint or CMD script (as rewritten) drops
 * privileges with alpinize_exec_as or su-exec gets su-exec, unless it already has su-exec, gosu
 * or util-linux's setpriv: Debian images have setpriv (and runuser) from util-linux, Alpine's
 * have none of them, so the shim would stop the container. Stages that were Alpine already, and
 * stages `images.ignore` names, are left as they are.
 */
export function ensureExecBackends(
  plan: RepoPlan,
  scripts: ReadonlyMap<string, ScriptReference[]>,
): void {
  const wanted = new Map<FilePlan, Map<number, Want>>();
  for (const file of plan.files) {
    if (file.kind !== "script" || file.role === "copied" || file.kept) continue;
    const needs = execNeeds(file.after).filter(
      (n) => n.tool === "alpinize_exec_as" || n.tool === "su-exec",
    );
    if (needs.length === 0) continue;
    const origins = new Set(
      (file.edits ?? []).map((e) => e.rule).filter((r) => SWITCH_RULES.has(r)),
    );
    for (const ref of scripts.get(file.file) ?? []) {
      if (ref.role === "copied") continue;
      const dockerfile = plan.files.find(
        (f) => f.kind === "dockerfile" && f.file === ref.dockerfile,
      );
      for (const index of stagesWanting(dockerfile, ref, needs, plan.config.images.ignore)) {
        const byStage = wanted.get(dockerfile!) ?? new Map<number, Want>();
        const want = byStage.get(index) ?? {
          scripts: new Set(),
          line: ref.line,
          origins: new Set(),
        };
        want.scripts.add(file.file);
        for (const o of origins) want.origins.add(o);
        byStage.set(index, want);
        wanted.set(dockerfile!, byStage);
      }
    }
  }
  for (const [dockerfile, byStage] of wanted) addSuExec(dockerfile, byStage);
}

function stagesWanting(
  dockerfile: FilePlan | undefined,
  ref: ScriptReference,
  needs: ReturnType<typeof execNeeds>,
  ignore: readonly string[],
): number[] {
  const after = dockerfile?.stagesAfter;
  const before = dockerfile?.stagesBefore;
  if (!after || !before) return [];
  return ref.stages.filter((index) => {
    const stage = after[index];
    if (stage?.family !== "alpine" || before[index]?.family === "alpine") return false;
    if (isStageIgnored(stage, after, ignore)) return false;
    return unmetExecNeeds(needs, stage, after).length > 0;
  });
}

/** su-exec for each stage that wants it, unless a stage it builds on gets it too. */
function addSuExec(dockerfile: FilePlan, byStage: ReadonlyMap<number, Want>): void {
  addToStages(
    dockerfile,
    byStage,
    "su-exec",
    "exec-as",
    (stage, stages) =>
      stageChain(stage, stages)
        .slice(1)
        .some((s) => byStage.has(s.index)),
    suExecNote,
  );
}

function suExecNote(stage: StageInfo, want: Want, placement: ApkPlacement): string {
  const where =
    placement === "apk-add"
      ? `su-exec added to the apk add of stage ${stage.name}`
      : `RUN apk add --no-cache su-exec added after the FROM of stage ${stage.name}`;
  const from = want.origins.size > 0 ? ` (its ${[...want.origins].sort().join(", ")} calls)` : "";
  return `${where}: ${[...want.scripts].join(", ")} drops privileges with alpinize_exec_as${from}, which runs su-exec, gosu or util-linux's setpriv; Debian images have setpriv (util-linux), this Alpine one had none of the three, so the container would stop with "no su-exec, gosu or util-linux setpriv found" (exit 5)`;
}
