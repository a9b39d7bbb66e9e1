import {
  analyzeStages,
  type DockerfileText,
  expandReference,
  fromReferenceProblem,
  type Instruction,
  lineFinder,
  parseDockerfile,
  type RunHeredoc,
  runHeredocs,
  type ShellOptions,
  stageShellOptions,
} from "@alpinize/dockerfile";
import { SHELL_TOO_DEEP, shellTooDeep } from "@alpinize/entrypoint";
import { isAlpinizeError } from "@alpinize/errors";
import { type ShellCommand, scanCommands } from "./commands.js";
import { type ImageFamily, imageFamily } from "./images.js";
import { formScript, instructionWords } from "./words.js";

/** A RUN instruction with the commands it runs. */
export interface RunStep {
  line: number;
  endLine: number;
  /** RUN flags such as `--mount=type=cache,target=/var/cache/apk`. */
  flags: string;
  text: string;
  commands: ShellCommand[];
  /** 1-based line of each command, in order. */
  commandLines: number[];
  /**
   * The shell texts the commands were read from, each with the offset (of the commands') it
   * starts at: the RUN's script, then its here-document bodies.
   */
  scripts: { start: number; text: string }[];
  /**
   * The here-documents the RUN line runs as scripts (`sh <<EOF`): `[start, end)` of each body in
   * the commands' offsets and `at`, the offset of the command that runs it, whose `if`/`||`
   * stretches its commands are in too.
   */
  heredocRuns?: { start: number; end: number; at: number }[];
}

export interface StageInfo {
  index: number;
  /** `AS` name, or the stage number as text. */
  name: string;
  alias: string | undefined;
  line: number;
  /** The base image, with each `${ARG}` replaced by the global ARG's default when it has one. */
  image: string;
  /** Variables still in `image` (no global ARG default): its digest cannot be checked. */
  unresolved: string[];
  /** Why Docker refuses the FROM image, or alpinize cannot read it (fromReferenceProblem). */
  referenceProblem?: string;
  /** The line where the image text is written (the ARG line for `FROM ${ARG}`). */
  imageLine: number;
  family: ImageFamily;
  /** Name of the earlier stage this one builds on, if any. */
  parent: string | undefined;
  final: boolean;
  runs: RunStep[];
  /** Stages (by name) or images this stage COPYs from with `--from`. */
  copiesFrom: string[];
  env: Map<string, { value: string; line: number }>;
  /** ENTRYPOINT/CMD words, the last of each. */
  entrypoint: string[];
  cmd: string[];
  body: Instruction[];
  /** The Dockerfile's text and escape character, which the body's offsets are in. */
  file?: DockerfileText;
}

/** Reads every stage of a Dockerfile with what the checks and the report need. Throws on syntax errors. */
export function describeStages(text: string, fileName: string): StageInfo[] {
  const doc = parseDockerfile(text, { fileName });
  const model = analyzeStages(doc);
  const lineOf = lineFinder(doc.lineStarts);
  const stages: StageInfo[] = [];
  model.stages.forEach((stage, index) => {
    const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(stage.image)?.[1];
    const arg = variable
      ? [...model.globalArgs].reverse().find((a) => a.name === variable)
      : undefined;
    const expanded = stage.parent
      ? { text: stage.image, unresolved: [] }
      : expandReference(stage.image, model.globalArgs);
    const image = expanded.text;
    const problem = stage.parent ? undefined : fromReferenceProblem(stage.image, expanded);
    const parent = stage.parent ? stages[stage.parent.index] : undefined;
    const info: StageInfo = {
      index,
      name: stage.alias ?? String(index),
      alias: stage.alias,
      line: stage.from.line,
      image,
      unresolved: expanded.unresolved,
      ...(problem ? { referenceProblem: problem } : {}),
      imageLine: arg && arg.value !== "" ? lineOf(arg.start) : stage.from.line,
      family: parent ? parent.family : imageFamily(image),
      parent: parent?.name,
      final: index === model.stages.length - 1,
      runs: [],
      copiesFrom: [],
      env: new Map(parent?.env ?? []),
      entrypoint: parent?.entrypoint ?? [],
      cmd: parent?.cmd ?? [],
      body: stage.body,
      file: { text: doc.text, doc: { escape: doc.escape } },
    };
    // `pipefail`, `set -u` in another stage change nothing here (a SHELL goes on through FROM).
    const options = stageShellOptions(doc.text, model.stages, stage);
    readBody(info, { text: doc.text, doc: { escape: doc.escape } }, lineOf, options);
    stages.push(info);
  });
  return stages;
}

function readBody(
  info: StageInfo,
  file: DockerfileText,
  lineOf: (offset: number) => number,
  options: ShellOptions,
): void {
  for (const ins of info.body) {
    if (ins.keyword === "RUN") info.runs.push(readRun(ins, file, lineOf, options));
    else if (ins.keyword === "COPY" || ins.keyword === "ADD") {
      const from = /(?:^|\s)--from=(\S+)/.exec(ins.args.text)?.[1];
      if (from) info.copiesFrom.push(from.replace(/^["']|["']$/g, ""));
    } else if (ins.keyword === "ENV" || ins.keyword === "ARG") readEnv(info, ins);
    else if (ins.keyword === "ENTRYPOINT") info.entrypoint = instructionWords(ins.args.text);
    else if (ins.keyword === "CMD") info.cmd = instructionWords(ins.args.text);
  }
}

function readRun(
  ins: Instruction,
  file: DockerfileText,
  lineOf: (offset: number) => number,
  options: ShellOptions,
): RunStep {
  const source = file.text;
  const flagText = /^(?:\s*--\S+)*/.exec(ins.args.text)?.[0] ?? "";
  const body = ins.args.text.slice(flagText.length);
  // A here-document nobody runs (`cat <<EOF > /dev/null`) is data: blanked, keeping offsets.
  const run = runHeredocs(file, ins);
  const heredocText = ins.heredocs
    .map((h) => {
      const text = source.slice(h.bodyStart, h.bodyEnd);
      return run.some((r) => r.heredoc === h) ? text : text.replace(/[^\n]/g, " ");
    })
    .join("\n");
  const script = formScript(body, ins.form);
  // `pipefail`, `set -u` in the stage or one it builds on (`SHELL ["/bin/bash", "-o",
  // "pipefail", "-c"]`): as migrate reads it.
  const scanned = runCommands(`${script}\n${heredocText}`, ins.line, options);
  const fileAt = (cmd: ShellCommand) =>
    cmd.offset < script.length
      ? (ins.args.map[flagText.length + cmd.offset] ?? ins.start)
      : (ins.heredocs[0]?.bodyStart ?? ins.start) + (cmd.offset - script.length - 1);
  const commands = inRunOrder(scanned, script.length, fileAt, run);
  const heredocRuns = runsOf(ins, run, script.length, (at) =>
    scanned.find((c) => c.offset < script.length && fileAt(c) === at),
  );
  const commandLines = commands.map((cmd) =>
    cmd.offset < script.length || ins.heredocs[0] ? lineOf(fileAt(cmd)) : ins.line,
  );
  return {
    line: ins.line,
    endLine: ins.endLine,
    flags: flagText.trim(),
    text: body,
    commands,
    commandLines,
    scripts: [
      { start: 0, text: script },
      { start: script.length + 1, text: heredocText },
    ],
    heredocRuns,
  };
}

/**
 * A here-document's commands run where the command that runs it does (`sh <<EOF && useradd app`:
 * before useradd), not after the RUN line: moved right after the last RUN line command at or
 * before it. Those of a `RUN <<EOF` script stay where they are.
 */
function inRunOrder(
  commands: ShellCommand[],
  scriptEnd: number,
  fileAt: (cmd: ShellCommand) => number,
  run: readonly RunHeredoc[],
): ShellCommand[] {
  const line = commands.filter((c) => c.offset < scriptEnd);
  const body = commands.filter((c) => c.offset >= scriptEnd);
  if (line.length === 0 || body.length === 0) return commands;
  const runAt = (cmd: ShellCommand) => {
    const at = fileAt(cmd);
    return run.findLast((r) => r.heredoc.bodyStart <= at)?.at ?? Number.POSITIVE_INFINITY;
  };
  const out: ShellCommand[] = [];
  let k = 0;
  for (const cmd of line) {
    for (; k < body.length && runAt(body[k]!) < fileAt(cmd); k++) out.push(body[k]!);
    out.push(cmd);
  }
  return [...out, ...body.slice(k)];
}

/** Where each run here-document's body is among the commands' offsets, and what runs it. */
function runsOf(
  ins: Instruction,
  run: readonly RunHeredoc[],
  scriptEnd: number,
  lineCommandAt: (at: number) => ShellCommand | undefined,
): NonNullable<RunStep["heredocRuns"]> {
  const out: NonNullable<RunStep["heredocRuns"]> = [];
  let start = scriptEnd + 1;
  for (const h of ins.heredocs) {
    const end = start + (h.bodyEnd - h.bodyStart);
    const runner = lineCommandAt(run.find((r) => r.heredoc === h)?.at ?? -1);
    if (runner) out.push({ start, end, at: runner.offset });
    start = end + 1;
  }
  return out;
}

/** The RUN's commands; a RUN nested too deep to read is named by its line. */
function runCommands(script: string, line: number, options: ShellOptions): ShellCommand[] {
  try {
    return scanCommands(script, 0, options);
  } catch (err) {
    if (isAlpinizeError(err) && err.code === SHELL_TOO_DEEP && err.details.line === undefined)
      throw shellTooDeep({ line });
    throw err;
  }
}

function readEnv(info: StageInfo, ins: Instruction): void {
  const words = instructionWords(ins.args.text);
  if (ins.keyword === "ENV" && words.length >= 2 && !words[0]!.includes("=")) {
    info.env.set(words[0]!, { value: words.slice(1).join(" "), line: ins.line });
    return;
  }
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq > 0 && ins.keyword === "ENV")
      info.env.set(word.slice(0, eq), { value: word.slice(eq + 1), line: ins.line });
  }
}
