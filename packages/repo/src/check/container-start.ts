import type { Instruction } from "@alpinize/dockerfile";
import { stageChain, stageLinks } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";
import { type ShellKind, shellAt } from "./run-shell.js";

/** The part one instruction has in the command a container starts with. */
export interface StartPart {
  keyword: "ENTRYPOINT" | "CMD";
  line: number;
  /** Index in ContainerStart.words of the instruction's first word. */
  from: number;
  /** A shell form run by bash: the line of that SHELL, or undefined when /bin/sh was linked to bash. */
  bashShell?: { line: number | undefined };
}

/** What Docker runs when a container of the stage's image starts, as far as the Dockerfile says. */
export interface ContainerStart {
  /** ENTRYPOINT's words then CMD's; a shell form is the shell, `-c` and its text. */
  words: string[];
  parts: StartPart[];
}

/**
 * The ENTRYPOINT and CMD a stage's image starts with: its own, else those of the stage it is
 * built on (a stage that sets ENTRYPOINT but no CMD drops the CMD it inherited, as Docker does;
 * a shell-form ENTRYPOINT ignores CMD). Undefined when no stage of the chain sets either: the
 * base image's own command, which the Dockerfile does not show, runs.
 */
export function containerStart(
  stage: StageInfo,
  stages: readonly StageInfo[],
): ContainerStart | undefined {
  type Found = { ins: Instruction; owner: StageInfo };
  let entrypoint: Found | undefined;
  let cmd: Found | undefined;
  let cmdDropped = false;
  for (const owner of stageChain(stage, stages)) {
    const e = owner.body.findLast((i) => i.keyword === "ENTRYPOINT");
    const c = owner.body.findLast((i) => i.keyword === "CMD");
    if (!cmd && !cmdDropped && c) cmd = { ins: c, owner };
    if (!cmd && e) cmdDropped = true;
    if (!entrypoint && e) entrypoint = { ins: e, owner };
    if (entrypoint && (cmd || cmdDropped)) break;
  }
  const start: ContainerStart = { words: [], parts: [] };
  const add = (found: Found) => {
    const part = partOf(found.ins, found.owner, stages, start.words.length);
    start.parts.push(part.part);
    start.words.push(...part.words);
  };
  if (entrypoint) add(entrypoint);
  if (cmd && !(entrypoint && entrypoint.ins.form === "shell")) add(cmd);
  return start.parts.length > 0 ? start : undefined;
}

function partOf(
  ins: Instruction,
  owner: StageInfo,
  stages: readonly StageInfo[],
  from: number,
): { part: StartPart; words: string[] } {
  const keyword = ins.keyword === "ENTRYPOINT" ? "ENTRYPOINT" : "CMD";
  const part: StartPart = { keyword, line: ins.line, from };
  if (ins.form === "exec") return { part, words: instructionWords(ins.args.text) };
  const shell = shellAt(owner, stages, ins.line);
  const text = ins.args.text.trim();
  if (shell.kind === "bash") part.bashShell = { line: shell.shellLine };
  // Any other SHELL (pwsh, a custom wrapper) is not read: a name no rule knows stands for it.
  const program = PROGRAM[shell.kind];
  return { part, words: [program, "-c", text] };
}

const PROGRAM: Record<ShellKind, string> = {
  bash: "/bin/bash",
  dash: "/bin/dash",
  ash: "/bin/sh",
  other: "(SHELL)",
};

/** The part of a start that holds the word at `index`. */
export function partAt(start: ContainerStart, index: number): StartPart {
  return start.parts.findLast((p) => p.from <= index) ?? start.parts[0]!;
}

/**
 * Whether a stage may be the image a container runs: the final stage, or one no later stage
 * builds FROM, COPYs from or mounts (a second target, `docker build --target`). A builder's or a
 * parent's ENTRYPOINT/CMD is judged in the stages that run it.
 */
export function startsContainers(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  return stage.final || !usedLater(stages).has(stage);
}

// Per stage list: the stages a later one builds FROM, COPYs from or mounts, found in one pass
// (asking every later stage again for each stage made a long chain quadratic).
const usedOf = new WeakMap<readonly StageInfo[], Set<StageInfo>>();

function usedLater(stages: readonly StageInfo[]): Set<StageInfo> {
  const known = usedOf.get(stages);
  if (known) return known;
  const links = stageLinks(stages);
  const byRef = new Map<string, StageInfo[]>();
  const index = (ref: string, s: StageInfo) => {
    const same = byRef.get(ref);
    if (same) same.push(s);
    else byRef.set(ref, [s]);
  };
  for (const s of stages) {
    index(s.name.toLowerCase(), s);
    index(String(s.index), s);
  }
  const used = new Set<StageInfo>();
  const mark = (ref: string, user: StageInfo) => {
    for (const s of byRef.get(ref.toLowerCase()) ?? []) if (s.index < user.index) used.add(s);
  };
  for (const s of stages) {
    const parent = links.parent(s);
    if (parent) used.add(parent);
    for (const ref of s.copiesFrom) mark(ref, s);
    for (const run of s.runs) for (const ref of mountsFrom(run.flags)) mark(ref, s);
  }
  usedOf.set(stages, used);
  return used;
}

/** The stages `RUN --mount=…,from=NAME` reads. */
function mountsFrom(flags: string): string[] {
  return [...flags.matchAll(/(?:^|[\s,])from=([^\s,]+)/g)].map((m) => m[1]!.replace(/["']/g, ""));
}
