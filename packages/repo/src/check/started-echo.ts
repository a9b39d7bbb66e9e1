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
  /** A summary's count of the echo calls of its instruction past `ECHOES_LISTED`. */
  more?: number;
}

/**
 * Echo calls listed one by one per instruction; the rest are one summary finding. A RUN of
 * 270,000 such calls made as many findings (400 bytes of message each), and check ran out of a
 * 512 MiB heap printing them.
 */
export const ECHOES_LISTED = 100;

const STARTED = new Set(["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"]);

/**
 * `echo-escapes`: echo left for busybox ash with escapes Debian's dash read, in a shell-form RUN,
 * CMD, ENTRYPOINT or `HEALTHCHECK CMD`, in their command substitutions (`$( )`, backquotes, a RUN
 * line's here-document bodies) and in the `sh -c` strings of these (exec forms too); the builtin
 * however its name is spelt (`\echo`, `"echo"`, `command echo`). The echo calls are the ones
 * migrate rewrites (@alpinize/dockerfile `startedScript`, `echoCalls`), so on migrate's output
 * none is left. Strings the outer shell expands first and eval strings are not read (migrate
 * warns at those). Past the first `ECHOES_LISTED` of an instruction, one finding counts the rest.
 */
export function* startedEchoes(
  stage: StageInfo,
  stages: readonly StageInfo[],
): Generator<StartedEcho> {
  const file = stage.file;
  if (!file) return;
  const position = positions(file.text);
  // What a container starts runs with the /bin/sh the stage ends with.
  const end = shellAt(stage, stages, Number.POSITIVE_INFINITY);
  for (const ins of stage.body) {
    if (!STARTED.has(ins.keyword)) continue;
    const at = ins.keyword === "HEALTHCHECK" ? end : shellAt(stage, stages, ins.line);
    const binSh = ins.keyword === "RUN" ? at.binSh : end.binSh;
    let listed = 0;
    let rest: { first: number; last: number; count: number } | undefined;
    for (const echo of calls(file, ins, binSh === "ash")) {
      const own = echo.runner === undefined;
      // A shell form's own code (its substitutions too) runs under its SHELL.
      if (own && (at.kind !== "ash" || binSh !== "ash")) continue;
      if (!own && (echo.runner !== "sh" || binSh !== "ash")) continue;
      const shown = escapesShown(echo.args);
      if (shown === undefined) continue;
      if (listed >= ECHOES_LISTED) {
        rest ??= { first: echo.offset, last: echo.offset, count: 0 };
        rest.last = echo.offset;
        rest.count++;
        continue;
      }
      listed++;
      const shell = own ? `this ${ins.keyword}'s /bin/sh` : STRING;
      yield { ...position(echo.offset), message: escapesMessage(shown, stage.name, shell) };
    }
    if (rest) yield summary(position, rest, ins.keyword, stage.name);
  }
}

/** The one finding for the echo calls of an instruction past the first `ECHOES_LISTED`. */
function summary(
  position: ReturnType<typeof lineIndex>,
  rest: { first: number; last: number; count: number },
  keyword: string,
  stageName: string,
): StartedEcho {
  const from = position(rest.first);
  const to = position(rest.last).line;
  const lines = to === from.line ? `line ${to}` : `lines ${from.line}-${to}`;
  return {
    ...from,
    more: rest.count,
    message: `${rest.count} more echo calls with escapes in this ${keyword} (${lines}), past the first ${ECHOES_LISTED}, in Alpine stage ${stageName}: not listed one by one; each prints its escapes as written under busybox ash, as the ones listed do; alpinize migrate rewrites them all to echo -e`,
  };
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
