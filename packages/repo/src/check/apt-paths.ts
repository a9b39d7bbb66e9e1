import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { withNested } from "./nested.js";
import { onbuildRuns } from "./onbuild.js";
import { operandWords } from "./operands.js";

/** `/etc/apt` itself or anything under it: sources.list(.d), apt.conf.d, preferences.d, keyrings. */
const APT_PATH = /^\/etc\/apt(?:\/|$)/;

/**
 * What a command does with /etc/apt. `missing`: the path that is not there on Alpine, so the
 * build stops at the command; undefined when an earlier `mkdir -p` (or this one) made what it
 * needs, and the step only sets up apt, which Alpine has no use for.
 */
export interface AptPathUse {
  what: string;
  missing: string | undefined;
}

/**
 * One thing a command does to a path: `write` needs the folder the path is in, `read` the path
 * itself (sed, chmod, rm, a cp source), `mkdirs` makes the path and the folders above it
 * (`mkdir -p`, `install -d`), `mkdir` the path in a folder that must be there.
 */
export interface PathStep {
  kind: "write" | "read" | "mkdirs" | "mkdir";
  path: string;
}

/** Options of these tools that take a value (so the value is not an operand). */
const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  sed: ["-e", "-f", "-l", "--expression", "--file", "--line-length"],
  cp: ["-S", "--suffix", "-t", "--target-directory"],
  mv: ["-S", "--suffix", "-t", "--target-directory"],
  ln: ["-S", "--suffix", "-t", "--target-directory"],
  install: ["-m", "-o", "-g", "-S", "-t", "--mode", "--owner", "--group", "--suffix"],
  mkdir: ["-m", "--mode"],
  touch: ["-d", "-r", "-t", "--date", "--reference"],
  truncate: ["-s", "-r", "--size", "--reference"],
};
/** Options naming the file a download or a key export is written to. */
const OUTPUT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  curl: ["-o", "--output"],
  wget: ["-O", "--output-document"],
  gpg: ["-o", "--output", "--keyring"],
};

/**
 * What has been made under /etc/apt so far in a stage (Alpine's base has none of it), and what a
 * command does there. Only the words a command gets count, so an `echo` of such a command, or a
 * comment, is not one.
 */
export class AptPaths {
  private readonly made: Set<string>;

  constructor(made: Iterable<string> = []) {
    this.made = new Set(made);
  }

  copy(): AptPaths {
    return new AptPaths(this.made);
  }

  /** The command's use of /etc/apt, if any, judged by what is there; then what it made is recorded. */
  use(cmd: ShellCommand): AptPathUse | undefined {
    const steps = pathSteps(cmd).filter((s) => APT_PATH.test(s.path));
    if (steps.length === 0) return undefined;
    let missing: string | undefined;
    for (const step of steps) {
      missing ??= this.lacking(step);
      this.record(step);
    }
    return { what: describeStep(cmd, steps[0]!), missing };
  }

  private exists(path: string): boolean {
    return path === "/etc" || this.made.has(path);
  }

  /** The path the step needs that is not there. */
  private lacking(step: PathStep): string | undefined {
    const path = trimSlash(step.path);
    if (step.kind === "mkdirs") return undefined;
    if (step.kind === "read") return this.exists(path) ? undefined : path;
    // A write into `dir/` needs dir itself; a write to `dir/file` needs dir.
    const folder = step.path.endsWith("/") ? path : parentOf(path);
    return this.exists(folder) ? undefined : folder;
  }

  private record(step: PathStep): void {
    const path = trimSlash(step.path);
    if (step.kind === "mkdirs") {
      for (let p = path; p !== "/etc" && p.length > 1; p = parentOf(p)) this.made.add(p);
    } else if (step.kind !== "read" && this.lacking(step) === undefined) this.made.add(path);
  }
}

export function describeStep(cmd: ShellCommand, step: PathStep): string {
  const name = baseName(cmd.name);
  if (cmd.redirects?.includes(step.path)) return `a redirection to ${step.path}`;
  return name === "mkdir" || name === "install"
    ? `${name} ${step.path}`
    : `${name} on ${step.path}`;
}

/** What the command does to which paths: its redirections, then the tool's own file words. */
export function pathSteps(cmd: ShellCommand): PathStep[] {
  const steps: PathStep[] = (cmd.redirects ?? []).map((path) => ({ kind: "write", path }));
  const name = baseName(cmd.name);
  const args = cmd.args;
  const output = OUTPUT_OPTIONS[name];
  if (output) return [...steps, ...optionValues(args, output).map(write)];
  const words = operands(name, args);
  const target = optionValues(args, ["-t", "--target-directory"]);
  switch (name) {
    case "tee":
    case "touch":
    case "truncate":
      return [...steps, ...words.map(write)];
    case "sed":
      return [...steps, ...sedFiles(args).map(read)];
    case "chmod":
    case "chown":
    case "chgrp":
      return [...steps, ...words.slice(1).map(read)];
    case "rm":
      return args.some((a) => /^-[a-zA-Z]*f/.test(a) || a === "--force")
        ? steps
        : [...steps, ...words.map(read)];
    case "mkdir": {
      const parents = args.some((a) => /^-[a-zA-Z]*p/.test(a) || a === "--parents");
      return [
        ...steps,
        ...words.map((path) => ({ kind: parents ? "mkdirs" : "mkdir", path }) as const),
      ];
    }
    case "ln":
      // Only where the link goes: a symbolic link may point at a file that is not there.
      return [
        ...steps,
        ...(target.length > 0 ? target.map((t) => `${t}/`) : words.slice(-1)).map(write),
      ];
    case "cp":
    case "mv":
      return [...steps, ...copySteps(words, target)];
    case "install":
      return [...steps, ...installSteps(args, words, target)];
    default:
      return steps;
  }
}

const write = (path: string): PathStep => ({ kind: "write", path });
const read = (path: string): PathStep => ({ kind: "read", path });

/** `cp SRC… DEST` or `cp -t DIR SRC…`: the sources must be there, the destination's folder too. */
function copySteps(words: readonly string[], target: readonly string[]): PathStep[] {
  if (target.length > 0) return [...words.map(read), ...target.map((t) => write(`${t}/`))];
  if (words.length < 2) return [];
  return [...words.slice(0, -1).map(read), write(words.at(-1)!)];
}

/** `install -d DIR…` and `install -D SRC DEST` make folders; plain `install SRC… DEST` copies. */
function installSteps(
  args: readonly string[],
  words: readonly string[],
  target: readonly string[],
): PathStep[] {
  if (args.some((a) => /^-[a-zA-Z]*d/.test(a) || a === "--directory"))
    return words.map((path) => ({ kind: "mkdirs", path }));
  if (args.some((a) => /^-[a-zA-Z]*D/.test(a))) {
    const dest = target.length > 0 ? target.map((t) => `${t}/x`) : words.slice(-1);
    return [
      ...dest.map((d) => ({ kind: "mkdirs" as const, path: parentOf(d) })),
      ...dest.map(write),
    ];
  }
  return copySteps(words, target);
}

/** The words that are not options or option values. */
function operands(name: string, args: readonly string[]): string[] {
  const valued = VALUE_OPTIONS[name] ?? [];
  return operandWords(args, (a) => valued.includes(a));
}

/** sed's files: every operand after the script (all of them when -e/-f gave the script). */
function sedFiles(args: readonly string[]): string[] {
  const words = operands("sed", args);
  const scripted = args.some(
    (a) => /^(?:-e|-f|--expression|--file)(?:=|$)/.test(a) || /^-[a-zA-Z]*[ef]$/.test(a),
  );
  return scripted ? words : words.slice(1);
}

/** Values of the options (`-o F`, `-fsSLo F`, `-oF`, `--output F`, `--output=F`). */
function optionValues(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((a, k) => {
    const next = args[k + 1];
    for (const n of names) {
      if (n.startsWith("--")) {
        if (a === n && next !== undefined) out.push(next);
        else if (a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      } else if (/^-[a-zA-Z]*$/.test(a) && a.endsWith(n[1]!) && next !== undefined) {
        out.push(next);
      } else if (a.startsWith(n) && a.length > n.length && !a.startsWith("--"))
        out.push(a.slice(n.length));
    }
  });
  return out;
}

export function trimSlash(path: string): string {
  return path.length > 1 ? withoutTrailingSlashes(path) : path;
}

export function parentOf(path: string): string {
  const p = trimSlash(path);
  const at = p.lastIndexOf("/");
  return at <= 0 ? "/" : p.slice(0, at);
}

/** What the stages a stage builds on made under /etc/apt (their ONBUILD RUNs included). */
export function aptPathsAtStart(stage: StageInfo, stages: readonly StageInfo[]): AptPaths {
  const parent = stageLinks(stages).parent(stage);
  return startFrom(parent && aptPathsLeftBy(parent, stages), parent);
}

function startFrom(left: AptPaths | undefined, parent: StageInfo | undefined): AptPaths {
  const paths = left?.copy() ?? new AptPaths();
  if (parent) for (const run of onbuildRuns(parent)) replay(paths, run);
  return paths;
}

const aptPathsLeftBy = chainFact<AptPaths>((stage, left, stages) => {
  const paths = startFrom(left, stageLinks(stages).parent(stage));
  for (const run of stage.runs) replay(paths, run);
  return paths;
});

function replay(paths: AptPaths, run: RunStep): void {
  for (const cmd of withNested(run.commands)) paths.use(cmd);
}
