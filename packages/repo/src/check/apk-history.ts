import {
  type ApkChange,
  type ApkPlace,
  ApkWorld,
  apkChange,
  baseProgramsOf,
  ScopedWorlds,
} from "@alpinize/dockerfile";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import { rootStage } from "../dockerfile/stage-scope.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";
import { stageInstalls } from "./apk-installs.js";
import { withNested } from "./nested.js";
import { onbuildRuns } from "./onbuild.js";
import { commandScope } from "./run-scopes.js";

/** A command of a RUN with the line it is reported on. */
export interface PlacedCommand {
  cmd: ShellCommand;
  line: number;
}

/**
 * The commands of a RUN in the order they run, those nested in `sh -ec '…'`, `eval` and the like
 * right after the command that holds them and on its line.
 */
export function runCommands(run: RunStep): PlacedCommand[] {
  const lines = new Map(run.commands.map((cmd, i) => [cmd, run.commandLines[i] ?? run.line]));
  let line = run.line;
  return withNested(run.commands).map((cmd) => {
    line = lines.get(cmd) ?? line;
    return { cmd, line };
  });
}

/**
 * The variables a RUN's apk words can use: the stage's ARG defaults and ENV values written before
 * it (ENV wins, as in the builder). The RUN's own assignments are added as its commands are read.
 */
export function runVariables(stage: StageInfo, run: RunStep): Map<string, string> {
  const vars = new Map<string, string>();
  for (const arg of stageArgs(stage)) {
    if (arg.line >= run.line) break;
    for (const word of arg.words) setAssignment(vars, word);
  }
  for (const [name, { value, line }] of stage.env)
    if (line < run.line) vars.set(name, value.replace(/^(["'])(.*)\1$/, "$2"));
  return vars;
}

/** The stage's ARG lines, read once: every RUN asks, and reading the body per RUN was quadratic. */
const argsOf = new WeakMap<StageInfo, { line: number; words: string[] }[]>();

function stageArgs(stage: StageInfo): { line: number; words: string[] }[] {
  let args = argsOf.get(stage);
  if (!args) {
    args = stage.body
      .filter((ins) => ins.keyword === "ARG")
      .map((ins) => ({ line: ins.line, words: instructionWords(ins.args.text) }));
    argsOf.set(stage, args);
  }
  return args;
}

/**
 * Replays one command on the world: `apk add`/`apk del` change it, and assignments
 * (`DEPS="…" apk add $DEPS`, `export DEPS=…`) give later words their values. A word whose variable
 * has no known value stays as written: it names no package, and a virtual package named by it
 * (`-t $GROUP`) is deleted by the same word. Every `apk add` counts, wherever it sits.
 */
export function applyCommand(
  world: ApkWorld,
  placed: PlacedCommand,
  vars: Map<string, string>,
): void {
  const change = commandChange(placed, vars);
  if (change) world.apply(change, { line: placed.line });
}

/**
 * `applyCommand` as migrate's debianToolsLeft replays it: an `apk add` in an `if`/`case`/loop/
 * function or after `||` counts for the commands of that stretch only (unless a probe for the
 * program it installs guards it), an `apk del` everywhere.
 */
export function applyScoped(
  worlds: ScopedWorlds,
  run: RunStep,
  placed: PlacedCommand,
  vars: Map<string, string>,
): void {
  const change = commandChange(placed, vars);
  if (!change) return;
  const { scope, probed } = commandScope(run, placed.cmd);
  worlds.apply(change, scope, { line: placed.line }, probed);
}

function commandChange({ cmd }: PlacedCommand, vars: Map<string, string>): ApkChange | undefined {
  for (const assignment of [...(cmd.setBefore ?? []), ...cmd.assignments])
    setAssignment(vars, expandWord(assignment, vars));
  if (baseName(cmd.name) === "export")
    for (const arg of cmd.args) setAssignment(vars, expandWord(arg, vars));
  return apkChange(
    cmd.name,
    cmd.args.flatMap((arg) => splitExpanded(arg, vars)),
  );
}

/**
 * The worlds a stage's RUNs are replayed in, a probe judged by what its base image has on its
 * PATH where that is known (baseProgramsOf: plain alpine; alpine's base and each official -alpine
 * tag's own table), as migrate's replay judges it; an `apk add` naming a package the stage's
 * release lacks installs nothing (stageInstalls).
 */
export function stageWorlds(
  stage: StageInfo,
  stages: readonly StageInfo[],
  main: ApkWorld,
  all?: ApkWorld,
): ScopedWorlds {
  return new ScopedWorlds(
    main,
    all,
    baseProgramsOf(rootStage(stage, stages).image),
    stageInstalls(stage, stages),
  );
}

/** What apk left installed before the stage's first RUN: the stage it builds on, then that stage's ONBUILD RUNs. */
export function worldAtStart(stage: StageInfo, stages: readonly StageInfo[]): ApkWorld {
  const parent = stageLinks(stages).parent(stage);
  if (!parent) return new ApkWorld();
  const scoped = stageWorlds(parent, stages, leftBy(parent, stages).copy());
  for (const run of onbuildRuns(parent)) replayRun(scoped, parent, run);
  return scoped.main;
}

/** worldAtStart with every `apk add` counted, wherever it sits (ScopedWorlds' `all`). */
export function everAtStart(stage: StageInfo, stages: readonly StageInfo[]): ApkWorld {
  const parent = stageLinks(stages).parent(stage);
  if (!parent) return new ApkWorld();
  const scoped = stageWorlds(parent, stages, new ApkWorld(), leftBy(parent, stages, "all").copy());
  for (const run of onbuildRuns(parent)) replayRun(scoped, parent, run);
  return scoped.all;
}

/** What apk has installed after every RUN of the stage: what its image has when it runs. */
export function stageWorld(stage: StageInfo, stages: readonly StageInfo[]): ApkWorld {
  return leftBy(stage, stages).copy();
}

/** Packages installed when the stage's image runs (also those a stage it builds on left). */
export function apkInstalls(
  stage: StageInfo,
  stages: readonly StageInfo[],
): ReadonlyMap<string, ApkPlace> {
  return leftBy(stage, stages).installed();
}

/** Every package an `apk add` of the stage or a stage it builds on named, also those deleted again. */
export function apkAdded(
  stage: StageInfo,
  stages: readonly StageInfo[],
): ReadonlyMap<string, ApkPlace> {
  return leftBy(stage, stages, "all").everAdded();
}

// Per stage list (as describeStages returned it): the world each stage leaves, replayed once and
// only handed out as a copy or a read-only map. Replaying every ancestor again for each stage
// took quadratic replays, and more lookups, over a long `FROM earlier-stage` chain.
// `all` also holds what the conditional stretches added, for apkAdded.
const worldsOf = new WeakMap<readonly StageInfo[], Map<StageInfo, Left>>();

interface Left {
  main: ApkWorld;
  all: ApkWorld;
}

/** The world `stage` leaves; its ancestors are replayed first, in a loop (chains run deep). */
function leftBy(
  stage: StageInfo,
  stages: readonly StageInfo[],
  which: keyof Left = "main",
): ApkWorld {
  let worlds = worldsOf.get(stages);
  if (!worlds) {
    worlds = new Map();
    worldsOf.set(stages, worlds);
  }
  const links = stageLinks(stages);
  const pending: StageInfo[] = [];
  for (let s: StageInfo | undefined = stage; s && !worlds.has(s); s = links.parent(s))
    pending.push(s);
  for (const s of pending.reverse()) {
    const scoped = stageWorlds(s, stages, worldAtStart(s, stages), everAtStart(s, stages));
    for (const run of s.runs) replayRun(scoped, s, run);
    worlds.set(s, { main: scoped.main, all: scoped.all });
  }
  return worlds.get(stage)![which];
}

/** A RUN's commands replayed; its stretches end with it. */
function replayRun(worlds: ScopedWorlds, stage: StageInfo, run: RunStep): void {
  const vars = runVariables(stage, run);
  worlds.at([]);
  for (const placed of runCommands(run)) applyScoped(worlds, run, placed, vars);
  worlds.at([]);
}

function setAssignment(vars: Map<string, string>, word: string): void {
  const eq = word.indexOf("=");
  if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word.slice(0, eq)))
    vars.set(word.slice(0, eq), word.slice(eq + 1));
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** `$X` and `${X}` replaced by known values; the word as written when one has none. */
function expandWord(word: string, vars: ReadonlyMap<string, string>): string {
  let unknown = false;
  const out = word.replace(VARIABLE, (_whole, braced?: string, bare?: string) => {
    const value = vars.get(braced ?? bare ?? "");
    if (value === undefined) unknown = true;
    return value ?? "";
  });
  return unknown ? word : out;
}

/** An expanded word split into the words the shell passes on (`$DEPS` holding `shadow su-exec`). */
function splitExpanded(word: string, vars: ReadonlyMap<string, string>): string[] {
  const out = expandWord(word, vars);
  return out === word ? [word] : out.split(/\s+/).filter((w) => w !== "");
}
