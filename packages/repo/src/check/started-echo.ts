import {
  type DockerfileText,
  echoCalls,
  type Instruction,
  type StringShell,
  startedScript,
} from "@alpinize/dockerfile";
import type { StageInfo } from "../dockerfile/stages.js";
import { escapesMessage, escapesShown } from "./echo-escapes.js";
import { lineIndex } from "./line-index.js";
import { shellAt } from "./run-shell.js";

/** An `echo-escapes` finding with its place in the Dockerfile. */
export interface StartedEcho {
  line: number;
  column: number;
  message: string;
}

const STARTED = new Set(["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"]);

/**
 * `echo-escapes`: echo left for busybox ash with escapes Debian's dash read, in a shell-form RUN,
 * CMD, ENTRYPOINT or `HEALTHCHECK CMD`, in their command substitutions (`$( )`, backquotes, a RUN
 * line's here-document bodies) and in the `sh -c` strings of these (exec forms too); the builtin
 * however its name is spelt (`\echo`, `"echo"`, `command echo`). The echo calls are the ones
 * migrate rewrites (@alpinize/dockerfile `startedScript`, `echoCalls`), so on migrate's output
 * none is left. Strings the outer shell expands first and eval strings are not read (migrate
 * warns at those).
 */
export function startedEchoes(stage: StageInfo, stages: readonly StageInfo[]): StartedEcho[] {
  const file = stage.file;
  if (!file) return [];
  const out: StartedEcho[] = [];
  const position = positions(file.text);
  // What a container starts runs with the /bin/sh the stage ends with.
  const end = shellAt(stage, stages, Number.POSITIVE_INFINITY);
  for (const ins of stage.body) {
    if (!STARTED.has(ins.keyword)) continue;
    const at = ins.keyword === "HEALTHCHECK" ? end : shellAt(stage, stages, ins.line);
    const binSh = ins.keyword === "RUN" ? at.binSh : end.binSh;
    for (const echo of calls(file, ins, binSh === "ash")) {
      const own = echo.runner === undefined;
      // A shell form's own code (its substitutions too) runs under its SHELL.
      if (own && (at.kind !== "ash" || binSh !== "ash")) continue;
      if (!own && (echo.runner !== "sh" || binSh !== "ash")) continue;
      const shown = escapesShown(echo.args);
      if (shown === undefined) continue;
      const shell = own ? `this ${ins.keyword}'s /bin/sh` : STRING;
      out.push({ ...position(echo.offset), message: escapesMessage(shown, stage.name, shell) });
    }
  }
  return out;
}

const STRING = "/bin/sh, which runs this sh -c string";

/**
 * The echo calls of an instruction with the shell of the `-c` string each is in (undefined: the
 * shell form's own code), walking the strings busybox ash runs: `sh -c` while /bin/sh is ash
 * (`shAsh`). A `dash -c` string runs dash's own echo, which reads the escapes.
 */
function calls(file: DockerfileText, ins: Instruction, shAsh: boolean) {
  const started = startedScript(file, ins);
  if (!started) return [];
  const byAsh = (shell: StringShell) => shell === "sh" && shAsh;
  return echoCalls(started.src, byAsh, started.program);
}

let last: { text: string; at: ReturnType<typeof lineIndex> } | undefined;
/** Line starts of the last Dockerfile asked about: every stage of one file asks in turn. */
function positions(text: string): ReturnType<typeof lineIndex> {
  if (last?.text !== text) last = { text, at: lineIndex(text) };
  return last.at;
}
