import type { Instruction } from "@alpinize/dockerfile";
import type { StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";

/** A variable a USER reads: `$U`, `${U}`, `${U:-x}`; a `\$` is literal text. */
const VARIABLE = /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;
/** One ARG word as written, quotes kept: `U`, `U=app`, `U="a b"`. */
const RAW_WORD = /(?:[^\s"'\\]+|\\.|"(?:[^"\\]|\\.)*"|'[^']*')+/g;

/** The USER in effect right after a stage's FROM, and where it was written. */
export interface InheritedUser {
  /** The USER as written (`app`, `${U}`). */
  text: string;
  instruction: Instruction;
  /** The stage holding that USER. */
  owner: StageInfo;
  /** Stages between the owner and the stage asked about (nearest first). */
  between: StageInfo[];
}

/** How to write the inherited USER back at the top of the stage after a `USER root`. */
export type UserRestore = { args: string[] } | { declined: string };

/** The last USER of the nearest stage the stage builds on that has one. */
export function inheritedUser(
  stage: StageInfo,
  stages: readonly StageInfo[],
): InheritedUser | undefined {
  const between: StageInfo[] = [];
  let current = parentOf(stage, stages);
  while (current) {
    const user = current.body.findLast((ins) => ins.keyword === "USER");
    if (user) return { text: user.args.text.trim(), instruction: user, owner: current, between };
    between.push(current);
    current = parentOf(current, stages);
  }
  return undefined;
}

/**
 * The ARG lines the stage needs before `USER <inherited>` so each variable of that USER expands as
 * it did in the owner stage. A stage ARG is not inherited by stages built on it (the variable
 * would be empty there), so the owner's declarations are written again: the same text takes the
 * same `--build-arg` or default (the global one for a bare `ARG U`). An ENV is inherited, unless
 * set again after the USER. Declined when the value cannot be carried over that way.
 */
export function restoreUser(user: InheritedUser, stages: readonly StageInfo[]): UserRestore {
  const args: string[] = [];
  for (const name of variablesOf(user.text)) {
    const later = laterEnv(user, name);
    if (later)
      return {
        declined: `${name}, which USER ${user.text} of stage ${user.owner.name} (line ${user.instruction.line}) reads, is set again by ENV on line ${later.line}, so that user cannot be written back here`,
      };
    if (envBefore(user, name, stages)) continue;
    for (const ins of argsBefore(user, name)) {
      const word = argWord(ins, name)!;
      if (word.includes("$"))
        return {
          declined: `the default of ARG ${word} (line ${ins.line}), which USER ${user.text} of stage ${user.owner.name} reads, uses other variables, so that user cannot be written back here`,
        };
      args.push(`ARG ${word}`);
    }
  }
  return { args: [...new Set(args)] };
}

function parentOf(stage: StageInfo, stages: readonly StageInfo[]): StageInfo | undefined {
  return stages.find((s) => s.name === stage.parent && s.index < stage.index);
}

function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => (m[1] ?? m[2])!))];
}

function envNames(ins: Instruction): string[] {
  if (ins.keyword !== "ENV") return [];
  const words = instructionWords(ins.args.text);
  if (words.length >= 2 && !words[0]!.includes("=")) return [words[0]!];
  return words.filter((w) => w.indexOf("=") > 0).map((w) => w.slice(0, w.indexOf("=")));
}

/** An ENV of `name` after the USER, in its stage or one between it and the stage asked about. */
function laterEnv(user: InheritedUser, name: string): Instruction | undefined {
  const after = user.owner.body.filter((ins) => ins.start > user.instruction.start);
  return [...after, ...user.between.flatMap((s) => s.body)].find((ins) =>
    envNames(ins).includes(name),
  );
}

/** An ENV of `name` the owner stage or a stage it builds on set before the USER (it wins over an ARG). */
function envBefore(user: InheritedUser, name: string, stages: readonly StageInfo[]): boolean {
  const before = user.owner.body.filter((ins) => ins.start < user.instruction.start);
  const bodies: Instruction[] = [...before];
  for (let s = parentOf(user.owner, stages); s; s = parentOf(s, stages)) bodies.push(...s.body);
  return bodies.some((ins) => envNames(ins).includes(name));
}

function argsBefore(user: InheritedUser, name: string): Instruction[] {
  return user.owner.body.filter(
    (ins) =>
      ins.keyword === "ARG" &&
      ins.start < user.instruction.start &&
      argWord(ins, name) !== undefined,
  );
}

/** The word of an ARG declaring `name`, as written (`U` or `U=app`). */
function argWord(ins: Instruction, name: string): string | undefined {
  return ins.args.text.match(RAW_WORD)?.find((w) => w === name || w.startsWith(`${name}=`));
}
