import { posix } from "node:path";
import { DEFAULT_PATH, type Instruction, pathAfterEnv } from "@alpinize/dockerfile";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { instructionWords, splitLeadingFlags } from "../dockerfile/words.js";
import { runLocations } from "./run-path.js";

export type ScriptRole = "entrypoint" | "cmd" | "copied";

/** Image path → what runs it (ENTRYPOINT or CMD), by the words they name. */
export type Runs = Map<string, ScriptRole>;

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
  const named: { word: string; role: ScriptRole; first: boolean; workdir: string }[] = [];
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
      const role: ScriptRole = ins.keyword === "ENTRYPOINT" ? "entrypoint" : "cmd";
      if (role === "entrypoint") entrypoint = true;
      else cmd = true;
      for (const [k, word] of instructionWords(ins.args.text).entries()) {
        // `./entry.sh` runs from WORKDIR; a bare word (`serve`, `node`) is not a path.
        const target = word.startsWith("./") ? posix.resolve(workdir, word) : word;
        if (!runs.has(target)) runs.set(target, role);
        named.push({ word, role, first: k === 0, workdir });
      }
    }
  }
  // The container looks names up in the image's final PATH, so ENV PATH after CMD counts too.
  for (const { word, role, first, workdir: at } of named)
    for (const location of runLocations(word, first, search, at))
      if (!runs.has(location)) runs.set(location, role);
  return { copies, runs, entrypoint, cmd, path: search };
}

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
 * What runs a file landed at `destination`: the role of the ENTRYPOINT or CMD word naming it
 * (by its path, or a bare name by its file name), or `copied` when none does.
 */
export function roleOf(destination: string, runs: Runs): ScriptRole {
  for (const [word, role] of runs) {
    if (word === destination || posix.basename(word) === posix.basename(destination)) {
      if (word.startsWith("/") && destination.startsWith("/") && word !== destination) continue;
      return role;
    }
  }
  return "copied";
}
