import { posix } from "node:path";
import { DEFAULT_PATH, type Instruction, pathAfterEnv } from "@alpinize/dockerfile";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { instructionWords, splitLeadingFlags } from "../dockerfile/words.js";
import { runLocations } from "./run-path.js";
import { type RunHow, runWords } from "./run-words.js";

export type ScriptRole = "entrypoint" | "cmd" | "copied";

/** What runs a file of the image (ENTRYPOINT or CMD) and how (see RunHow). */
export interface Run {
  role: Exclude<ScriptRole, "copied">;
  how: RunHow;
  /** For an argument: the program it is given to (`make`). */
  program?: string;
}

/** Image path → what runs it, by the words ENTRYPOINT and CMD name. */
export type Runs = Map<string, Run>;

export interface Copy {
  /** The stage named by `--from=`, for a copy out of an earlier stage. */
  from?: string;
  sources: string[];
  /** Absolute when the COPY's destination was relative to a WORKDIR. */
  destination: string;
  line: number;
}

/** The stage's context COPYs and run targets, relative paths resolved against WORKDIR. */
export interface StageRead {
  copies: Copy[];
  /** What the stage's own ENTRYPOINT and CMD run. */
  runs: Runs;
  entrypoint: boolean;
  cmd: boolean;
  /** The stage's PATH when it runs: the one it started with, changed by its ENV PATH. */
  path: readonly string[];
}

function isCopy(ins: Instruction): boolean {
  return ins.keyword === "COPY" || ins.keyword === "ADD";
}

/** `path`: the search path the stage starts with (the PATH of the stage it builds on). */
export function readStage(body: Instruction[], path: readonly string[] = DEFAULT_PATH): StageRead {
  const copies: Copy[] = [];
  const runs: Runs = new Map();
  const named: { word: string; run: Run; first: boolean; workdir: string }[] = [];
  let search = path;
  let entrypoint = false;
  let cmd = false;
  let workdir = "/";
  for (const ins of body) {
    if (ins.keyword === "WORKDIR") {
      const dir = instructionWords(ins.args.text)[0] ?? "";
      if (dir && !dir.includes("$")) workdir = posix.resolve(workdir, dir);
    } else if (ins.keyword === "ENV") {
      search = pathAfterEnv(ins, search);
    } else if (isCopy(ins)) {
      copies.push(readCopy(ins, workdir));
    } else if (ins.keyword === "ENTRYPOINT" || ins.keyword === "CMD") {
      const role = ins.keyword === "ENTRYPOINT" ? "entrypoint" : "cmd";
      if (role === "entrypoint") entrypoint = true;
      else cmd = true;
      const shellForm = ins.form === "shell";
      for (const { word, how, first, program } of runWords(
        instructionWords(ins.args.text),
        shellForm,
      )) {
        // `./entry.sh` runs from WORKDIR; a bare word (`serve`, `node`) is not a path.
        const target = word.startsWith("./") ? posix.resolve(workdir, word) : word;
        const run: Run = { role, how, ...(program !== undefined ? { program } : {}) };
        addRun(runs, target, run);
        named.push({ word, run, first, workdir });
      }
    }
  }
  // The container looks names up in the image's final PATH, so ENV PATH after CMD counts too.
  for (const { word, run, first, workdir: at } of named)
    for (const location of runLocations(word, first, search, at)) addRun(runs, location, run);
  return { copies, runs, entrypoint, cmd, path: search };
}

/** The first instruction naming a path keeps its role; the strongest way it is run counts. */
function addRun(runs: Runs, target: string, run: Run): void {
  const known = runs.get(target);
  if (!known) runs.set(target, run);
  else if (HOW_RANK[run.how] > HOW_RANK[known.how]) runs.set(target, { ...run, role: known.role });
}

const HOW_RANK: Record<RunHow, number> = { read: 0, operand: 1, program: 2, shell: 3 };

export function readCopy(ins: Instruction, workdir = "/"): Copy {
  const flagText = /^(?:\s*--\S+)*/.exec(ins.args.text)?.[0] ?? "";
  const from = /(?:^|\s)--from=(\S+)/.exec(flagText)?.[1]?.replace(/^["']|["']$/g, "");
  const { rest: leftover } = splitLeadingFlags(
    instructionWords(ins.args.text.slice(flagText.length)),
  );
  const words = leftover.filter((w) => !/^[a-z]+:\/\//i.test(w));
  const raw = words.at(-1) ?? "";
  const trailing = raw.endsWith("/") || raw === "." ? "/" : "";
  const destination =
    raw === "" || raw.startsWith("/") || raw.includes("$")
      ? raw
      : `${posix.resolve(workdir, raw).replace(/\/+$/, "")}${trailing}`;
  return {
    ...(from !== undefined ? { from } : {}),
    sources: words.slice(0, -1),
    destination,
    line: ins.line,
  };
}

export function landingPath(copy: Copy, source: string): string {
  const dest = copy.destination;
  const base = posix.basename(withoutTrailingSlashes(source));
  if (dest.endsWith("/") || copy.sources.length > 1) return posix.join(dest, base);
  return dest;
}

/**
 * What runs a file landed at `destination`: the ENTRYPOINT or CMD word naming it (by its path, or
 * a bare name by its file name), or undefined when none does.
 */
export function runOf(destination: string, runs: Runs): Run | undefined {
  for (const [word, run] of runs) {
    if (word === destination || posix.basename(word) === posix.basename(destination)) {
      if (word.startsWith("/") && destination.startsWith("/") && word !== destination) continue;
      return run;
    }
  }
  return undefined;
}
