import { posix } from "node:path";
import { readStage } from "../discover/scripts.js";
import { imageName } from "../dockerfile/images.js";
import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { installsGosu } from "../lint-script.js";
import { apkInstalls } from "./apk-history.js";
import { type ExecNeed, execNeeds } from "./exec-tools.js";
import type { ScriptUse } from "./shebang.js";
import type { Finding } from "./types.js";

/** The Alpine packages that put each tool on PATH (util-linux-login depends on runuser). */
const PACKAGE_TOOLS: ReadonlyMap<string, string> = new Map([
  ["su-exec", "su-exec"],
  ["gosu", "gosu"],
  ["setpriv", "setpriv"],
  ["runuser", "runuser"],
  ["util-linux-login", "runuser"],
]);
/** A RUN that links or downloads su-exec to a bin folder (postgres links gosu there). */
const SU_EXEC_BINARY = /\/(?:usr\/(?:local\/)?)?s?bin\/su-exec\b/;
/**
 * Official images whose -alpine tags bring gosu or su-exec for their own entrypoint
 * (docker-library postgres, redis, rabbitmq, ghost, redmine).
 */
const SHIPS_EXEC_TOOL = new Set(["postgres", "redis", "rabbitmq", "ghost", "redmine"]);
const ROOT_USER = /^(?:root|0)(?::.*)?$/;

/**
 * The privilege-dropping tools the stage's image has when it runs: what apk left installed (in the
 * stage or one it builds on), gosu downloaded or copied in, and what its official base image ships.
 */
export function stageExecTools(stage: StageInfo, stages: readonly StageInfo[]): Set<string> {
  const tools = new Set<string>();
  for (const name of apkInstalls(stage, stages).keys()) {
    const tool = PACKAGE_TOOLS.get(name);
    if (tool) tools.add(tool);
  }
  for (const s of stageChain(stage, stages)) {
    for (const run of s.runs) {
      if (installsGosu(run.text)) tools.add("gosu");
      if (SU_EXEC_BINARY.test(run.text)) tools.add("su-exec");
    }
    for (const copy of readStage(s.body).copies)
      for (const source of copy.sources) {
        const name = posix.basename(withoutTrailingSlashes(source));
        const landed = posix.basename(withoutTrailingSlashes(copy.destination));
        for (const n of [name, landed]) if (n === "gosu" || n === "su-exec") tools.add(n);
      }
    if (s.parent === undefined && shipsExecTool(s.image)) {
      tools.add("gosu");
      tools.add("su-exec");
    }
  }
  return tools;
}

/**
 * Whether the image starts as root: alpinize_exec_as run by another user runs the command as that
 * user and needs no tool. A USER given by a variable may be root, so it counts as root.
 */
export function runsAsRoot(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  for (const s of stageChain(stage, stages)) {
    const user = s.body.findLast((ins) => ins.keyword === "USER")?.args.text.trim();
    if (user !== undefined) return ROOT_USER.test(user) || user.includes("$");
  }
  return true;
}

/** The needs of a script the stage's image does not meet, one per tool (its first call). */
export function unmetExecNeeds(
  needs: readonly ExecNeed[],
  stage: StageInfo,
  stages: readonly StageInfo[],
): ExecNeed[] {
  if (needs.length === 0 || !runsAsRoot(stage, stages)) return [];
  const tools = stageExecTools(stage, stages);
  const unmet = new Map<string, ExecNeed>();
  for (const need of needs)
    if (!need.anyOf.some((t) => tools.has(t)) && !unmet.has(need.tool)) unmet.set(need.tool, need);
  return [...unmet.values()];
}

/**
 * A script an Alpine image runs as root drops privileges with a tool the image lacks: the
 * container stops at that call. Reported on the COPY line of the script, where the fix goes.
 */
export function checkExecTools(text: string, script: string, use: ScriptUse): Finding[] {
  const needs = execNeeds(text);
  const findings: Finding[] = [];
  for (const stage of use.runners) {
    for (const need of unmetExecNeeds(needs, stage, use.stages)) {
      findings.push({
        file: use.dockerfile,
        line: use.line,
        rule: "exec-as-missing",
        severity: "error",
        message: `${script}:${need.line} calls ${need.tool}, but Alpine stage ${stage.name} has ${missingText(need)}, so the container stops there${failureText(need)}: ${fixText(need)}`,
      });
    }
  }
  return findings;
}

function missingText(need: ExecNeed): string {
  if (need.tool === "alpinize_exec_as") return "none of su-exec, gosu or util-linux's setpriv";
  if (need.anyOf.length > 1) return `none of ${need.anyOf.join(", ")}`;
  if (need.tool === "setpriv")
    return "only busybox's setpriv, which has no --reuid, --regid, --init-groups or --clear-groups";
  return `no ${need.tool}${need.tool === "runuser" ? " (busybox has none)" : ""}`;
}

function failureText(need: ExecNeed): string {
  return need.tool === "alpinize_exec_as"
    ? ' ("no su-exec, gosu or util-linux setpriv found", exit 5)'
    : "";
}

function fixText(need: ExecNeed): string {
  const add = (pkg: string) => `add ${pkg} to an apk add --no-cache in the stage`;
  if (need.tool === "alpinize_exec_as" || need.tool === "su-exec") return add("su-exec");
  const rewrite = `rewrite the call to alpinize_exec_as (alpinize entrypoint does where the form allows) and ${add("su-exec")}`;
  if (need.tool === "gosu") return `${rewrite}, or ${add("gosu")} (community from Alpine 3.22)`;
  return `${rewrite}, or ${add(need.tool)}`;
}

function shipsExecTool(image: string): boolean {
  const name = (imageName(image) ?? "").replace(/^(?:docker\.io\/)?(?:library\/)?/, "");
  return SHIPS_EXEC_TOOL.has(name) && /alpine/.test(image);
}
