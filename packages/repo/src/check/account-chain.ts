import { ApkWorld } from "@alpinize/dockerfile";
import { chainFact } from "../dockerfile/chain-fact.js";
import type { ShellCommand } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { type AccountCall, accountCall } from "./account-calls.js";
import { runInstallScripts } from "./account-ids.js";
import { renameText } from "./account-renames.js";
import { type AccountState, copyAccounts, imageAccounts, touchesAccountFiles } from "./accounts.js";
import { applyCommand, runCommands, runVariables } from "./apk-history.js";
import { rootRepository } from "./debian-layout.js";
import { absorbedEmit } from "./guarded.js";
import { onbuildRuns } from "./onbuild.js";
import { accountStep, type Reach } from "./taken-ids.js";
import type { RuleId } from "./types.js";
import { runsWhenReached } from "./unconditional.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

const NO_PACKAGES: ReadonlyMap<string, unknown> = new Map();

/**
 * busybox addgroup/adduser fail on a name or ID that is already there (Alpine's base www-data and
 * GID 999, node's node 1000 on node:*-alpine, what an earlier step made) and delgroup on a group
 * some user still has as primary group. `packages`: what apk added before the command, whose
 * install scripts may have made accounts. Moves `state` on by what the command did.
 */
export function checkAccountCommand(
  stage: StageInfo,
  run: RunStep,
  placed: { cmd: ShellCommand; line: number },
  state: AccountState,
  packages: ReadonlyMap<string, unknown>,
  emit: Emit,
): void {
  const call = accountCall(placed.cmd);
  if (!call) return;
  enterRun(stage, run, state);
  const problem = accountStep(state, call, placed.line, reachOf(run, placed.cmd), packages);
  if (!problem) return;
  // A guarded call that busybox refuses does nothing: a warning that says so.
  const report = placed.cmd.guarded ? absorbedEmit(emit) : emit;
  const fails = problem.probable ? "probably fails" : "fails";
  report(
    placed.line,
    "alpine-id-taken",
    `${callText(call)} in Alpine stage ${stage.name}: ${problem.reason}, so ${failing(call)} ${fails} with "${problem.quote}": ${problem.advice}`,
    problem.probable ? "warning" : undefined,
  );
}

/** The accounts when the stage's first RUN starts: its image's, then what the stages it builds on did. */
export function accountsAtStart(stage: StageInfo, stages: readonly StageInfo[]): AccountState {
  const parent = stageLinks(stages).parent(stage);
  return startState(stage, parent && leftBy(parent, stages), stages);
}

function startState(
  stage: StageInfo,
  left: AccountState | undefined,
  stages: readonly StageInfo[],
): AccountState {
  if (!left) return imageAccounts(rootRepository(stage, stages));
  const state = copyAccounts(left);
  const parent = stageLinks(stages).parent(stage);
  if (parent) for (const run of onbuildRuns(parent)) replay(parent, run, state);
  return state;
}

const leftBy = chainFact<AccountState>((stage, left, stages) => {
  const state = startState(stage, left, stages);
  for (const run of stage.runs) replay(stage, run, state);
  if (firstTouch(stage) < Number.POSITIVE_INFINITY) state.opaque = true;
  return state;
});

/**
 * A stage built on this one starts with what its RUNs left: the accounts its commands made and
 * those the install scripts of what apk added made, in the order they ran.
 */
function replay(stage: StageInfo, run: RunStep, state: AccountState): void {
  // Only a RUN that names apk can install anything: the others skip the variables' scan.
  const world = /\bapk\b/.test(run.text) ? new ApkWorld() : undefined;
  const vars = world ? runVariables(stage, run) : new Map<string, string>();
  for (const placed of runCommands(run)) {
    if (world) runInstallScripts(state, world.everAdded().keys());
    const call = accountCall(placed.cmd);
    if (call) {
      enterRun(stage, run, state);
      accountStep(state, call, placed.line, reachOf(run, placed.cmd), NO_PACKAGES);
    }
    if (world) applyCommand(world, placed, vars);
  }
  if (world) runInstallScripts(state, world.everAdded().keys());
}

function reachOf(run: RunStep, cmd: ShellCommand): Reach {
  if (!runsWhenReached(run, cmd)) return "conditional";
  return cmd.guarded ? "guarded" : "plain";
}

/** A RUN that names /etc/passwd or /etc/group, or an instruction before it that does: unknown from there. */
function enterRun(stage: StageInfo, run: RunStep, state: AccountState): void {
  if (state.opaque) return;
  if (/\/etc\/(?:passwd|group)\b/.test(run.text) || firstTouch(stage) < run.line)
    state.opaque = true;
}

// The first instruction per stage that names or copies in the account files, found once: asked
// for every account command, a scan of the body each time would grow with the square of a stage.
const touches = new WeakMap<StageInfo, number>();

function firstTouch(stage: StageInfo): number {
  let line = touches.get(stage);
  if (line === undefined) {
    // An ONBUILD runs only in the images built on this one (replayed there as a RUN).
    const ins = stage.body.find((i) => i.keyword !== "ONBUILD" && touchesAccountFiles(i));
    line = ins?.line ?? Number.POSITIVE_INFINITY;
    touches.set(stage, line);
  }
  return line;
}

/** Who refuses the call: busybox's applet, or shadow's usermod/groupmod. */
function failing(call: AccountCall): string {
  return call.tool === "usermod" || call.tool === "groupmod" ? call.tool : "busybox";
}

/** The command as the message names it: `addgroup -g 1000 app`, `adduser -u 1000 -G app app`. */
function callText(call: AccountCall): string {
  switch (call.tool) {
    case "addgroup":
      return `addgroup${call.gid === undefined ? "" : ` -g ${call.gid}`} ${call.group}`;
    case "adduser":
      return `adduser${call.uid === undefined ? "" : ` -u ${call.uid}`}${call.group === undefined ? "" : ` -G ${call.group}`} ${call.user}`;
    case "delgroup":
      return `delgroup ${call.group}`;
    case "deluser":
      return `deluser ${call.user}`;
    default:
      return renameText(call);
  }
}
