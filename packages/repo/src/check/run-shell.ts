import { commandOperand, type Instruction } from "@alpinize/dockerfile";
import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";

/**
 * What runs a RUN's shell form: `ash` for Alpine's /bin/sh (busybox), `bash` under a
 * `SHELL ["/bin/bash", …]` or once a RUN has pointed /bin/sh at bash, `dash` under a
 * `SHELL ["/bin/dash", …]` (Alpine's dash package), `other` for any other SHELL.
 */
export type ShellKind = "ash" | "bash" | "dash" | "other";

export interface RunShell {
  kind: ShellKind;
  /** The RUN is in exec form (`RUN ["bash", "-c", …]`): no shell reads it. */
  exec: boolean;
  /** The line of the SHELL instruction in effect, if any. */
  shellLine: number | undefined;
  /**
   * What /bin/sh is: busybox ash, or bash once a RUN has linked it there. A bash SHELL leaves it
   * ash, which still runs `sh -c` strings and `#!/bin/sh` scripts.
   */
  binSh: "ash" | "bash";
}

type ShellState = Omit<RunShell, "exec">;

const DEFAULT: ShellState = { kind: "ash", shellLine: undefined, binSh: "ash" };
/** `ln -sf /bin/bash /bin/sh`, `ln -sfn bash /bin/sh`. */
export const shToBash = (text: string) =>
  commandOperand(text, /\bln\s+/, (t, start, end) => endsInBash(t, start, end) && toBinSh(t, end));
const TO_BIN_SH = /\s+\/bin\/sh(?:\s|$|;|&)/y;

/** The word ends in `bash` after a word boundary (`\S*\bbash`). */
function endsInBash(text: string, start: number, end: number): boolean {
  return end - start >= 4 && text.startsWith("bash", end - 4) && !/\w/.test(text[end - 5] ?? "");
}

function toBinSh(text: string, at: number): boolean {
  TO_BIN_SH.lastIndex = at;
  return TO_BIN_SH.test(text);
}

/** The shell a RUN of the stage runs under; undefined for ONBUILD RUNs, whose image is not this one. */
export function runShell(
  stage: StageInfo,
  run: RunStep,
  stages: readonly StageInfo[],
): RunShell | undefined {
  const ins = shellSteps(stage.body, shellAtStart(stage, stages)).runs.get(run.line);
  if (!ins) return undefined;
  const state = stateAfter(stage.body, run.line, shellAtStart(stage, stages));
  return { ...state, exec: ins.form === "exec" };
}

/**
 * The shell a shell-form instruction (RUN, CMD, ENTRYPOINT) on `line` of the stage runs under:
 * Docker wraps a shell-form CMD in the SHELL in effect there, as it does a RUN.
 */
export function shellAt(stage: StageInfo, stages: readonly StageInfo[], line: number): ShellState {
  return stateAfter(stage.body, line, shellAtStart(stage, stages));
}

/** The shell in effect when the stage starts: what the stage it builds on left. */
function shellAtStart(stage: StageInfo, stages: readonly StageInfo[]): ShellState {
  const parent = stageLinks(stages).parent(stage);
  return parent ? shellAtEnd(parent, stages) : DEFAULT;
}

const shellAtEnd = chainFact<ShellState>((stage, parent) =>
  stateAfter(stage.body, Number.POSITIVE_INFINITY, parent ?? DEFAULT),
);

/** The shell in effect before `line` of a stage body that starts under `start`. */
function stateAfter(body: readonly Instruction[], line: number, start: ShellState): ShellState {
  const { changes } = shellSteps(body, start);
  // The last change made by an instruction before `line` (changes are in line order).
  let low = 0;
  let high = changes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (changes[mid]!.line < line) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? start : changes[low - 1]!.state;
}

/**
 * One read of a stage body from a start state: where the shell changes, and the body's RUN
 * instructions by line. Every RUN of the stage asks, so reading the body per RUN made a stage of
 * many RUN lines quadratic.
 */
interface ShellSteps {
  changes: { line: number; state: ShellState }[];
  runs: Map<number, Instruction>;
}

const steps = new WeakMap<readonly Instruction[], Map<ShellState, ShellSteps>>();

function shellSteps(body: readonly Instruction[], start: ShellState): ShellSteps {
  let byStart = steps.get(body);
  if (!byStart) {
    byStart = new Map();
    steps.set(body, byStart);
  }
  let found = byStart.get(start);
  if (!found) {
    found = readSteps(body, start);
    byStart.set(start, found);
  }
  return found;
}

function readSteps(body: readonly Instruction[], start: ShellState): ShellSteps {
  const changes: ShellSteps["changes"] = [];
  const runs = new Map<number, Instruction>();
  let state = start;
  for (const ins of body) {
    if (ins.keyword === "RUN" && !runs.has(ins.line)) runs.set(ins.line, ins);
    if (ins.keyword === "SHELL")
      state = { ...state, kind: shellKind(ins, state.binSh), shellLine: ins.line };
    else if (ins.keyword !== "RUN" || state.binSh === "bash" || !shToBash(ins.args.text)) continue;
    else if (state.kind === "ash") state = { kind: "bash", shellLine: undefined, binSh: "bash" };
    else state = { ...state, binSh: "bash" };
    changes.push({ line: ins.line, state });
  }
  return { changes, runs };
}

/** `SHELL ["/bin/sh", …]` after `ln -sf /bin/bash /bin/sh` runs bash; `/bin/ash` stays busybox. */
function shellKind(ins: Instruction, binSh: RunShell["binSh"]): ShellKind {
  const program = baseName(instructionWords(ins.args.text)[0] ?? "");
  if (program === "bash" || (program === "sh" && binSh === "bash")) return "bash";
  if (program === "dash") return "dash";
  return program === "sh" || program === "ash" ? "ash" : "other";
}
