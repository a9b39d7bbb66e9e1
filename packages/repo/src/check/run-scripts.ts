import { posix } from "node:path";
import { isBinShShebang } from "@alpinize/busybox";
import { DEFAULT_PATH, pathAfterEnv } from "@alpinize/dockerfile";
import { linkEndFields } from "../discover/dangling-source.js";
import type { MissingScript } from "../discover/missing-source.js";
import { landingPath, readCopy } from "../discover/scripts.js";
import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";
import { runCommands } from "./apk-history.js";
import { BuildContext, type ContextFile, type Copies, rootPath } from "./build-context.js";
import { scriptEchoCall } from "./echo-escapes.js";
import { type ScriptShadowCall, scriptShadowCall } from "./shadow-tools.js";
import { landedFromStages, type StageCopies, withStageCopy } from "./stage-copies.js";

/** A build-context file a RUN runs: by its path in the image, or given to a shell. */
export interface RunScript {
  /** Where the RUN finds it in the image (`/tmp/install.sh`). */
  path: string;
  /** The file in the build context, relative to the check's root. */
  file: string;
  /** Its `#!` line, when the RUN runs it by its path, so that the kernel reads that line. */
  shebang?: string;
  /** Its first call that needs Alpine's shadow package. */
  shadow?: ScriptShadowCall;
  /** Its first echo busybox ash prints escapes of as written, when /bin/sh (ash) reads it. */
  echo?: { line: number; shown: string };
}

/**
 * The build-context files the RUNs run (`COPY install.sh /tmp/` then `RUN /tmp/install.sh` or
 * `RUN sh /tmp/install.sh`): per RUN, by the index of the command in runCommands(run).
 */
export type RunScripts = ReadonlyMap<RunStep, ReadonlyMap<number, RunScript>>;

/** Shells that run a script file given as their first operand. */
const SHELLS = new Set(["sh", "bash", "ash", "dash"]);

interface BodyState {
  workdir: string;
  path: readonly string[];
  copies: Copies;
  /** Its `COPY --from`s of earlier stages, whose context files it then holds too. */
  stageCopies: StageCopies;
}

const START: BodyState = {
  workdir: "/",
  path: DEFAULT_PATH,
  copies: undefined,
  stageCopies: undefined,
};

/**
 * Reads the first line of the files the RUNs of the Alpine stages run by path, where a COPY (or
 * ADD) of the stage, or of one it builds on, brought them from the build context: the
 * Dockerfile's own folder, then `root`, as for the scripts an ENTRYPOINT runs. A link (the
 * file's own or a folder's on the way) is followed while it stays in that context, as migrate's
 * contextReader does: a file behind one leading out is not read. A file a RUN runs whose COPY
 * source is in neither folder is added to `missing`, one that is a link leading out of the build
 * context (its own or a folder's) to `outside`, when given.
 */
export async function readRunScripts(
  root: string,
  dockerfile: string,
  stages: readonly StageInfo[],
  missing?: MissingScript[],
  outside?: MissingScript[],
): Promise<RunScripts> {
  const context = new BuildContext(root, [...new Set([posix.dirname(dockerfile), "."])]);
  const out = new Map<RunStep, Map<number, RunScript>>();
  for (const stage of stages) {
    if (stage.family !== "alpine") continue;
    let state = stateAtStart(stage, stages);
    // The first RUN step of each line (a search of the steps per RUN was quadratic).
    const runs = new Map<number, RunStep>();
    for (const r of stage.runs) if (!runs.has(r.line)) runs.set(r.line, r);
    for (const ins of stage.body) {
      const run = ins.keyword === "RUN" ? runs.get(ins.line) : undefined;
      if (run) {
        const unread = {
          ...(missing
            ? { missing: (m: Absent) => missing.push({ ...m, stage: stage.index }) }
            : {}),
          ...(outside
            ? { outside: (m: Absent) => outside.push({ ...m, stage: stage.index }) }
            : {}),
        };
        const found = await runScripts(run, state, context, unread);
        if (found.size > 0) out.set(run, found);
      }
      state = nextState(state, ins, stage, stages);
    }
  }
  return out;
}

/** A script a RUN runs whose COPY source the build context lacks, its stage aside. */
type Absent = Omit<MissingScript, "stage">;

/** Where the scripts a RUN runs that were not read go: missing, or a link out of the context. */
interface Unread {
  missing?: (gone: Absent) => void;
  outside?: (linked: Absent) => void;
}

async function runScripts(
  run: RunStep,
  state: BodyState,
  context: BuildContext,
  unread: Unread,
): Promise<Map<number, RunScript>> {
  const found = new Map<number, RunScript>();
  if (state.copies === undefined && state.stageCopies === undefined) return found;
  let cwd: string | undefined = state.workdir;
  for (const [index, { cmd }] of runCommands(run).entries()) {
    const name = baseName(cmd.name);
    if (name === "cd") {
      cwd = cdTarget(cwd, cmd.args);
      continue;
    }
    // `sh install.sh` runs the file of the working folder; `install.sh` alone is looked up on PATH.
    const operand = SHELLS.has(name) ? scriptOperand(cmd.args) : undefined;
    const path = operand ?? cmd.name;
    const targets = imagePaths(path, cwd, operand === undefined ? state.path : ["."]);
    if (targets.length === 0) continue;
    const file =
      (state.copies && (await context.landed(state.copies, targets))) ??
      (await landedFromStages(context, state.stageCopies, targets));
    if (file === undefined) {
      if (state.copies) await noteUnread(unread, context, state.copies, targets, run.line);
      continue;
    }
    const script = readScript(file, path, operand === undefined ? undefined : name, context);
    if (script.shebang !== undefined || script.shadow !== undefined || script.echo !== undefined)
      found.set(index, script);
  }
  return found;
}

/** Names a script a RUN runs that was not read: its COPY source is missing, links out, or to nothing. */
async function noteUnread(
  unread: Unread,
  context: BuildContext,
  copies: Copies,
  targets: readonly string[],
  line: number,
): Promise<void> {
  const gone = unread.missing ? await context.absent(copies, targets) : undefined;
  if (gone) {
    const { copy, source } = gone;
    unread.missing?.({
      line: copy.line,
      source,
      destination: landingPath(copy, source),
      by: { run: line },
    });
    return;
  }
  const linked = unread.outside ? await context.linkedOut(copies, targets) : undefined;
  if (linked) {
    const { copy, source, target, inFolder, ...end } = linked;
    unread.outside?.({
      line: copy.line,
      source,
      destination: target,
      by: { run: line },
      ...(inFolder ? { inFolder } : {}),
      ...linkEndFields(end),
    });
  }
}

/**
 * What the checks read of a file a RUN runs; `shell`: the shell it is given to (`sh FILE`), or
 * undefined when it is run by its path (its `#!` line then decides).
 */
function readScript(
  file: ContextFile,
  path: string,
  shell: string | undefined,
  context: BuildContext,
): RunScript {
  const line = shell === undefined ? context.firstLine(file) : undefined;
  const text = context.text(file);
  const shadow = text === undefined ? undefined : scriptShadowCall(text);
  // `#!/bin/sh` is busybox ash on Alpine; a `#!/bin/dash` script runs under Alpine's dash, whose
  // echo reads the escapes (without it, the script does not start: bash-missing).
  const bang = line ?? "";
  const ash = shell === undefined ? isBinShShebang(bang) : shell === "sh" || shell === "ash";
  const echo = text !== undefined && ash ? scriptEchoCall(text) : undefined;
  return {
    path,
    file: rootPath(file),
    ...(line?.startsWith("#!") ? { shebang: line } : {}),
    ...(shadow ? { shadow } : {}),
    ...(echo ? { echo } : {}),
  };
}

/**
 * The script file a shell call runs (`sh -e /tmp/install.sh`), or undefined when it runs none:
 * `-c` gives it a command string, `-s` (or no operand) has it read its input.
 */
function scriptOperand(args: readonly string[]): string | undefined {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--") return args[k + 1];
    if (a === "-o" || a === "+o") {
      k++;
      continue;
    }
    if (!a.startsWith("-") && !a.startsWith("+")) return a;
    if (/^[-+][A-Za-z]*[cs]/.test(a)) return undefined;
  }
  return undefined;
}

/**
 * Where a name points in the image: itself, in the shell's folder, or along `path` (`.` for the
 * shell's folder).
 */
function imagePaths(name: string, cwd: string | undefined, path: readonly string[]): string[] {
  if (name === "" || /[$*?`[]/.test(name)) return [];
  if (name.startsWith("/")) return [posix.normalize(name)];
  if (name.includes("/")) return cwd === undefined ? [] : [posix.resolve(cwd, name)];
  return path.flatMap((dir) =>
    dir !== "." ? [posix.join(dir, name)] : cwd === undefined ? [] : [posix.join(cwd, name)],
  );
}

/** The folder after `cd DIR`; undefined when it cannot be told (`cd "$X"`, `cd -`). */
function cdTarget(cwd: string | undefined, args: readonly string[]): string | undefined {
  const dir = args.find((a) => !/^-[LPe@]+$/.test(a));
  if (dir === undefined || dir === "-" || dir.includes("$") || dir.startsWith("~"))
    return undefined;
  if (dir.startsWith("/")) return posix.normalize(dir);
  return cwd === undefined ? undefined : posix.resolve(cwd, dir);
}

const stateAtEnd = chainFact<BodyState>((stage, parent, stages) =>
  stage.body.reduce((state, ins) => nextState(state, ins, stage, stages), parent ?? START),
);

function stateAtStart(stage: StageInfo, stages: readonly StageInfo[]): BodyState {
  const parent = stageLinks(stages).parent(stage);
  return parent ? stateAtEnd(parent, stages) : START;
}

function nextState(
  state: BodyState,
  ins: StageInfo["body"][number],
  stage: StageInfo,
  stages: readonly StageInfo[],
): BodyState {
  if (ins.keyword === "WORKDIR") {
    const dir = instructionWords(ins.args.text)[0] ?? "";
    return dir && !dir.includes("$")
      ? { ...state, workdir: posix.resolve(state.workdir, dir) }
      : state;
  }
  if (ins.keyword === "ENV") return { ...state, path: pathAfterEnv(ins, state.path) };
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return state;
  const copy = readCopy(ins, state.workdir);
  // Heredoc bodies and copies out of an image are not in the build context.
  if (copy.sources.some((s) => s.startsWith("<<"))) return state;
  if (copy.from !== undefined) {
    const from = earlierStage(copy.from, stage, stages);
    if (!from || nestedEnds >= MAX_NESTED_ENDS) return state;
    nestedEnds++;
    try {
      const image = stateAtEnd(from, stages);
      return { ...state, stageCopies: withStageCopy(state.stageCopies, copy, image) };
    } finally {
      nestedEnds--;
    }
  }
  return { ...state, copies: { copy, older: state.copies } };
}

/**
 * Stage ends worked out inside another's (`COPY --from=a` in b, itself copied from in c): a
 * chain of thousands of such stages stays bounded, each link past it not followed.
 */
const MAX_NESTED_ENDS = 64;
let nestedEnds = 0;

/** The earlier stage a `--from` names, by `AS` name (any case) or index; not an image. */
function earlierStage(
  name: string,
  stage: StageInfo,
  stages: readonly StageInfo[],
): StageInfo | undefined {
  const earlier = stages.slice(0, stage.index);
  const lower = name.toLowerCase();
  return (
    earlier.find((s) => s.alias?.toLowerCase() === lower) ??
    (/^\d+$/.test(name) ? earlier[Number(name)] : undefined)
  );
}
