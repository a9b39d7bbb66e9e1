import { analyzeStages, apkChange, type Instruction, parseDockerfile } from "@alpinize/dockerfile";
import { apkInstalls } from "../check/apk-history.js";
import { baseName, scanCommands } from "../dockerfile/commands.js";
import { describeStages, type StageInfo } from "../dockerfile/stages.js";
import type { FilePlan } from "./types.js";
import { inheritedUser, restoreUser } from "./user-restore.js";

/** Where a package went: appended to an `apk add` of the stage, or a RUN of its own after FROM. */
export type ApkPlacement = "apk-add" | "new-run";

/** Words before a command that may keep it from running: a branch, a loop, an `||`. */
const CONDITIONAL = /\|\||\b(?:if|then|else|elif|case|do|while|until)\b/;
const ROOT_USER = /^(?:root|0)(?::.*)?$/;

/**
 * Adds `pkg` to the stage for good: to the last `apk add` of the stage's own RUNs after which the
 * package stays installed (not a `--virtual` group, not in a branch or after `||`), else as
 * `RUN apk add --no-cache PKG` right after the stage's FROM (as root when the stage it builds on
 * switched USER: after the stage's own `USER root`, else between `USER root` and that user,
 * with the ARGs that user reads declared again). Declined, with the reason, when that user
 * cannot be written back in the stage. Each candidate is checked by replaying apk on the result.
 */
export function addApkPackage(
  text: string,
  fileName: string,
  index: number,
  pkg: string,
): { text: string; placement: ApkPlacement } | { declined: string } | undefined {
  const stage = describeStages(text, fileName)[index];
  if (!stage) return undefined;
  for (const at of apkAddEnds(stage).reverse()) {
    const out = `${text.slice(0, at)} ${pkg}${text.slice(at)}`;
    if (keeps(out, fileName, index, pkg)) return { text: out, placement: "apk-add" };
  }
  const out = withRunAfterFrom(text, fileName, index, stage, `RUN apk add --no-cache ${pkg}`);
  if (typeof out !== "string") return out;
  return keeps(out, fileName, index, pkg) ? { text: out, placement: "new-run" } : undefined;
}

function keeps(text: string, fileName: string, index: number, pkg: string): boolean {
  const stages = describeStages(text, fileName);
  const stage = stages[index];
  return stage !== undefined && apkInstalls(stage, stages).has(pkg);
}

/** Source offsets just past the last word of each plain `apk add` in the stage's RUNs, in order. */
function apkAddEnds(stage: StageInfo): number[] {
  const ends: number[] = [];
  for (const ins of stage.body) {
    if (ins.keyword !== "RUN" || ins.form !== "shell") continue;
    const flags = /^(?:\s*--\S+)*/.exec(ins.args.text)?.[0] ?? "";
    const body = ins.args.text.slice(flags.length);
    for (const cmd of scanCommands(body)) {
      if (baseName(cmd.name) !== "apk" || !body.startsWith(cmd.name, cmd.offset)) continue;
      const change = apkChange(cmd.name, cmd.args);
      if (change?.verb !== "add" || change.virtual !== undefined) continue;
      if (CONDITIONAL.test(body.slice(0, cmd.offset))) continue;
      const end = commandEnd(body, cmd.offset);
      const source = ins.args.map[flags.length + end - 1];
      if (source !== undefined) ends.push(source + 1);
    }
  }
  return ends;
}

/** The end of the simple command starting at `start`: before its operator, redirect or comment. */
function commandEnd(body: string, start: number): number {
  let i = start;
  let quote: string | undefined;
  for (; i < body.length; i++) {
    const ch = body[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"') i++;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "\\") i++;
    else if (";&|\n)<>`".includes(ch) || (ch === "$" && body[i + 1] === "(")) break;
    else if (ch === "#" && /\s/.test(body[i - 1] ?? "")) break;
  }
  let end = i;
  // `2>&1`: the descriptor belongs to the redirect, not to the package list.
  if (body[i] === "<" || body[i] === ">") {
    let j = end;
    while (j > start && /\d/.test(body[j - 1]!)) j--;
    if (j < end && /\s/.test(body[j - 1] ?? "")) end = j;
  }
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  return end;
}

function withRunAfterFrom(
  text: string,
  fileName: string,
  index: number,
  stage: StageInfo,
  run: string,
): string | { declined: string } | undefined {
  const doc = parseDockerfile(text, { fileName });
  const from: Instruction | undefined = analyzeStages(doc).stages[index]?.from;
  if (!from) return undefined;
  const eol = doc.eol;
  const stages = describeStages(text, fileName);
  const user = inheritedUser(stage, stages);
  if (user === undefined || ROOT_USER.test(user.text))
    return `${text.slice(0, from.end)}${eol}${run}${text.slice(from.end)}`;
  // The stage switches to root itself first: the RUN goes right after that USER.
  const own = stage.body.find((ins) => ins.keyword === "USER");
  if (own && ROOT_USER.test(own.args.text.trim()))
    return `${text.slice(0, own.end)}${eol}${run}${text.slice(own.end)}`;
  const restore = restoreUser(user, stages);
  if ("declined" in restore) return restore;
  const lines = ["USER root", run, ...restore.args, `USER ${user.text}`].join(eol);
  return `${text.slice(0, from.end)}${eol}${lines}${text.slice(from.end)}`;
}

/**
 * Adds `pkg` to each stage of the plan's Dockerfile that wants it, earliest first, with a warning
 * from `note`; `skip` (asked on the stages as they are after the earlier additions) spares a stage
 * that has it already or gets it through a stage it builds on. A stage whose inherited USER
 * cannot be written back after a `USER root` gets a warning saying where to add it instead.
 */
export function addToStages<W extends { line: number }>(
  dockerfile: FilePlan,
  byStage: ReadonlyMap<number, W>,
  pkg: string,
  rule: string,
  skip: (stage: StageInfo, stages: readonly StageInfo[]) => boolean,
  note: (stage: StageInfo, want: W, placement: ApkPlacement) => string,
): void {
  for (const [index, want] of [...byStage].sort(([a], [b]) => a - b)) {
    const stages = describeStages(dockerfile.after, dockerfile.file);
    const stage = stages[index];
    if (!stage || skip(stage, stages)) continue;
    const added = addApkPackage(dockerfile.after, dockerfile.file, index, pkg);
    if (!added) continue;
    if ("declined" in added) {
      dockerfile.warnings.push({
        rule,
        line: want.line,
        message: `${pkg} not added to stage ${stage.name}, which needs it: ${added.declined}; add RUN apk add --no-cache ${pkg} by hand before that USER line`,
      });
      continue;
    }
    dockerfile.after = added.text;
    dockerfile.changed = dockerfile.after !== dockerfile.before;
    dockerfile.warnings.push({
      rule,
      line: want.line,
      message: note(stage, want, added.placement),
    });
  }
  dockerfile.stagesAfter = describeStages(dockerfile.after, dockerfile.file);
}
