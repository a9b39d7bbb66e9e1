import { join } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import type { GivenFile } from "../discover/scripts.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { readTextFile } from "../workspace/files.js";
import { apkInstalls } from "./apk-history.js";
import { unmetExecNeeds } from "./exec-as-missing.js";

const MAKE = new Set(["make", "gmake"]);

const ACCOUNT_TOOLS = ["useradd", "groupadd", "usermod", "groupmod", "userdel", "groupdel"];
const APT_TOOLS = ["apt-get", "apt", "dpkg"];

/** What an Alpine image has instead of the Debian tools a recipe calls, by kind. */
const INSTEAD: readonly [readonly string[], string][] = [
  [ACCOUNT_TOOLS, "busybox has adduser, addgroup and deluser (or apk add shadow)"],
  [
    ["gosu"],
    "gosu is an Alpine package from 3.22 on (apk add gosu); su-exec takes the same USER CMD…",
  ],
  [APT_TOOLS, "Alpine has apk"],
];

const TOOLS = INSTEAD.flatMap(([tools]) => tools);

// A recipe line starts with a tab; make's @, - and + prefixes come before the command.
const CALL = new RegExp(`(?:^\\t[@+-]*|[\\s;&|(\`])(${TOOLS.join("|")})(?=[\\s;&|)]|$)`, "g");

/** A Makefile an Alpine image runs through make, and the first call its recipes make that Alpine lacks. */
export interface MakeRecipeCall {
  /** Line of the COPY that brings the Makefile in. */
  line: number;
  message: string;
  /** With `judge`: "error" when a call make surely stops at (the stage lacks the tool). */
  severity?: "error";
}

interface RecipeCall {
  tool: string;
  line: number;
  /** make goes on when it fails: a `-` prefix, or `||` on its line. */
  guarded: boolean;
}

/**
 * The Makefiles an Alpine stage's ENTRYPOINT/CMD gives to make (`make -f /app/Makefile run`)
 * whose recipes call a Debian tool (useradd, gosu, apt-get…). alpinize reads no Makefile, so
 * nothing in one is migrated or checked; saying so keeps such an image from passing as clean.
 * `stages`: check's reading of the Dockerfile as it is, migrate's of its result.
 */
export async function makeRecipeCalls(
  root: string,
  given: readonly GivenFile[],
  stages: readonly StageInfo[],
  ignoreImages: readonly string[],
  judge = false,
): Promise<MakeRecipeCall[]> {
  const out: MakeRecipeCall[] = [];
  const seen = new Set<string>();
  for (const g of given) {
    const stage = stages[g.stage];
    if (!MAKE.has(g.program) || stage?.family !== "alpine") continue;
    if (isStageIgnored(stage, stages, ignoreImages) || seen.has(`${g.line}:${g.path}`)) continue;
    seen.add(`${g.line}:${g.path}`);
    const calls = recipeCalls(await readOrUndefined(root, g.path));
    if (calls.length === 0) continue;
    const listed = calls.map((c) => `${c.tool} (${g.path}:${c.line})`).join(", ");
    const advice = INSTEAD.filter(([tools]) => calls.some((c) => tools.includes(c.tool)))
      .map(([, instead]) => instead)
      .join("; ");
    const message = `${g.path}, a Makefile ${g.by} gives to ${g.program} (as ${g.destination}) in stage ${stage.name}, calls ${listed}: alpinize reads no Makefile, so its recipes were neither migrated nor checked; ${advice}`;
    const stop = judge ? calls.find((c) => !c.guarded && surelyLacks(c, stage, stages)) : undefined;
    out.push(
      stop === undefined
        ? { line: g.line, message }
        : {
            line: g.line,
            severity: "error",
            message: `${message}. Stage ${stage.name} has no ${stop.tool}, so make stops at ${g.path}:${stop.line} when the container starts`,
          },
    );
  }
  return out;
}

/**
 * Whether the stage surely lacks the tool, as the script rules judge it: gosu as exec-as-missing
 * does, shadow's account tools and dpkg by what apk installed; apt never is on Alpine.
 */
function surelyLacks(call: RecipeCall, stage: StageInfo, stages: readonly StageInfo[]): boolean {
  if (call.tool === "gosu")
    return (
      unmetExecNeeds([{ tool: "gosu", line: call.line, anyOf: ["gosu"] }], stage, stages).length > 0
    );
  if (call.tool === "apt-get" || call.tool === "apt") return true;
  const installed = apkInstalls(stage, stages);
  return !installed.has(call.tool === "dpkg" ? "dpkg" : "shadow");
}

/** The first call of each Debian tool in the recipe lines, in the order of the file. */
function recipeCalls(text: string | undefined): RecipeCall[] {
  const calls = new Map<string, RecipeCall>();
  for (const [k, line] of (text ?? "").split("\n").entries()) {
    if (!line.startsWith("\t")) continue;
    const guarded = /^\t[@+]*-/.test(line) || line.includes("||");
    for (const match of line.matchAll(CALL)) {
      const tool = match[1];
      if (tool !== undefined && !calls.has(tool)) calls.set(tool, { tool, line: k + 1, guarded });
    }
  }
  return [...calls.values()];
}

/** A binary, huge or unreadable file says nothing here; the walk reports what it must. */
async function readOrUndefined(root: string, path: string): Promise<string | undefined> {
  try {
    return await readTextFile(join(root, path), path);
  } catch (err) {
    if (isAlpinizeError(err)) return undefined;
    throw err;
  }
}
