import { apkInstalls } from "../check/apk-history.js";
import type { ScriptReference } from "../discover/scripts.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { lintScript } from "../lint-script.js";
import type { Transforms } from "../transforms.js";
import { type ApkPlacement, addToStages } from "./apk-insert.js";
import { mapLinesToOriginal } from "./line-map.js";
import { installsShadow } from "./script-tools.js";
import type { FilePlan, RepoPlan } from "./types.js";

/** A shadow-only call left in a script: the tool (or tool and option) and its line as it was. */
interface ShadowCall {
  script: string;
  tool: string;
  line: number;
}

interface Want {
  calls: ShadowCall[];
  /** The COPY line (of the Dockerfile as it was) of the first script that asks for it. */
  line: number;
}

/**
 * Every stage this migration moved to Alpine whose entrypoint or CMD script still calls a shadow
 * tool after the rewrite (the shims need explicit IDs, so `useradd -m app` or `userdel` stay as
 * written) gets the shadow package, unless it keeps shadow installed already. The calls are the
 * entrypoint lint's `shadow-tool` findings, the very ones `alpinize check` reports, so the image
 * passes check afterwards. Such scripts then lose those findings from their own warnings. Stages
 * that were Alpine already, and stages `images.ignore` names, are left as they are.
 */
export function ensureShadow(
  plan: RepoPlan,
  scripts: ReadonlyMap<string, ScriptReference[]>,
  transforms: Pick<Transforms, "lintEntrypoint">,
): void {
  const wanted = new Map<FilePlan, Map<number, Want>>();
  for (const file of plan.files) {
    if (file.kind !== "script" || file.role === "copied" || file.kept) continue;
    const calls = shadowCalls(file, transforms);
    if (calls.length === 0) continue;
    for (const ref of scripts.get(file.file) ?? []) {
      if (ref.role === "copied") continue;
      const dockerfile = plan.files.find(
        (f) => f.kind === "dockerfile" && f.file === ref.dockerfile,
      );
      if (!dockerfile) continue;
      for (const index of stagesWanting(dockerfile, ref, plan.config.images.ignore)) {
        const byStage = wanted.get(dockerfile) ?? new Map<number, Want>();
        const want = byStage.get(index) ?? { calls: [], line: ref.line };
        want.calls.push(...calls.filter((c) => !want.calls.includes(c)));
        byStage.set(index, want);
        wanted.set(dockerfile, byStage);
      }
    }
  }
  for (const [dockerfile, byStage] of wanted) addShadow(dockerfile, byStage);
  if (wanted.size > 0) dropSettledFindings(plan, scripts);
}

/** The script's calls the lint reports as `shadow-tool` (behind sudo too), on its own lines. */
function shadowCalls(file: FilePlan, transforms: Pick<Transforms, "lintEntrypoint">): ShadowCall[] {
  const toOriginal = mapLinesToOriginal(file.before, file.after);
  return lintScript(transforms, file.after, file.file)
    .filter((w) => w.rule === "shadow-tool")
    .map((w) => ({
      script: file.file,
      // The lint's message starts with the tool's name, and for a shadow-only option the option
      // after it (`passwd -x is not on Alpine…`), as its other consumers read it.
      tool:
        w.message.slice(0, Math.max(0, w.message.indexOf(" is "))) ||
        (w.message.split(" ")[0] ?? ""),
      line: toOriginal(w.line),
    }));
}

function stagesWanting(dockerfile: FilePlan, ref: ScriptReference, ignore: readonly string[]) {
  const after = dockerfile.stagesAfter;
  const before = dockerfile.stagesBefore;
  if (!after || !before) return [];
  return ref.stages.filter((index) => {
    const stage = after[index];
    if (stage?.family !== "alpine" || before[index]?.family === "alpine") return false;
    return !isStageIgnored(stage, after, ignore) && !apkInstalls(stage, after).has("shadow");
  });
}

/**
 * shadow for each stage that wants it, earliest first: a stage that builds on one that just got
 * it (and keeps it) is not given it again.
 */
function addShadow(dockerfile: FilePlan, byStage: ReadonlyMap<number, Want>): void {
  addToStages(
    dockerfile,
    byStage,
    "shadow",
    "shadow",
    (stage, stages) => apkInstalls(stage, stages).has("shadow"),
    shadowNote,
  );
}

function shadowNote(stage: StageInfo, want: Want, placement: ApkPlacement): string {
  const where =
    placement === "apk-add"
      ? `shadow added to the apk add of stage ${stage.name}`
      : `RUN apk add --no-cache shadow added after the FROM of stage ${stage.name}`;
  const calls = want.calls.map((c) => `${c.tool} (${c.script}:${c.line})`).join(", ");
  const tools = [...new Set(want.calls.map((c) => c.tool))];
  const one = want.calls.length === 1;
  // busybox has passwd and chpasswd, only not every option of shadow's (`passwd -x`).
  const none =
    tools.length === 1
      ? `no ${tools[0]}${tools[0]!.includes(" ") ? "" : " applet"}`
      : `none of ${tools.join(", ")}`;
  return `${where}: ${calls} ${one ? "stays" : "stay"} as written in a script the image runs (the alpinize shims cannot stand in: they need explicit IDs, and cover only some forms); busybox has ${none}, so without shadow ${one ? "the call fails" : "those calls fail"} when the container starts`;
}

/** The lint's shadow-tool findings of a script every image running it now has shadow for. */
function dropSettledFindings(
  plan: RepoPlan,
  scripts: ReadonlyMap<string, ScriptReference[]>,
): void {
  const stagesAfterOf = new Map<string, StageInfo[]>();
  for (const f of plan.files)
    if (f.kind === "dockerfile" && f.stagesAfter) stagesAfterOf.set(f.file, f.stagesAfter);
  for (const file of plan.files) {
    if (file.kind !== "script" || file.role === "copied" || file.kept) continue;
    if (!installsShadow(scripts.get(file.file) ?? [], stagesAfterOf)) continue;
    file.warnings = file.warnings.filter((w) => w.rule !== "shadow-tool");
  }
}
