import { type Script, scriptOrUndefined } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import { substitutionsOf } from "../shell/substitutions.js";
import { echoCall } from "./dash-echo.js";
import { echoString } from "./dash-echo-strings.js";
import { MAX_DEPTH } from "./dash-echo-substitutions.js";
import { nestedScripts, shellStrings } from "./nested.js";
import type { StringShell } from "./string-shell.js";

/** An echo call in a started script or in a `-c` string of it, as migrate's echo rule finds it. */
export interface FoundEcho {
  /** Offset of the word `echo` in the Dockerfile. */
  offset: number;
  /** Its argument words as written (in the script the shell reads). */
  args: string[];
  /** The shell of the `-c` string it is in; undefined in the script startedScript gave. */
  runner?: StringShell;
}

/**
 * The echo calls migrate's echo rule looks at in a script (startedScript's, or a RUN's), walking
 * its `-c` strings as that rule does: the strings nestedScripts reads (three deep), and the
 * double-quoted ones with backslashes whose shell `reads(shell)` holds for (their script as the
 * inner shell gets it); and its command substitutions (MAX_DEPTH deep), which run in the shell
 * of the script they are in. The builtin however its name is spelt (`\echo`, `command echo`).
 * `runner`: the shell that runs `src` itself, if it is a `-c` string.
 * alpinize check asks this for the echo migrate would have rewritten, so the two agree.
 */
export function echoCalls(
  src: ShellSource,
  reads: (shell: StringShell) => boolean,
  runner?: StringShell,
  depth = 1,
  within = 0,
): FoundEcho[] {
  const out: FoundEcho[] = [];
  if (depth < 3)
    for (const nested of nestedScripts(src))
      out.push(...echoCalls(nested.src, reads, nested.shell, depth + 1));
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      const call = echoCall(cmd);
      if (call)
        out.push({
          offset: src.span(call.echo.start, call.echo.start)[0],
          args: call.args.map((a) => a.raw),
          runner,
        });
      for (const { word, shell } of shellStrings(cmd)) {
        const inner = reads(shell) ? echoString(src, word, depth)?.src : undefined;
        if (inner) out.push(...echoCalls(inner, reads, shell, depth + 1));
      }
    }
  }
  // A command substitution runs in the shell of the script it is written in.
  if (within < MAX_DEPTH)
    for (const sub of substitutionsOf(src))
      if (sub.src && sub.text.includes("\\"))
        out.push(...echoCalls(sub.src, reads, runner, depth, within + 1));
  return out;
}

/**
 * The echo calls /bin/sh runs in a shell script of its own (a build-context script): its code and
 * command substitutions, and its `sh -c` strings, read as echoCalls reads a RUN; offsets are the
 * text's own. Undefined when the text does not parse. `script`: the text parsed, if it was.
 */
export function scriptEchoCalls(
  text: string,
  script: Script | undefined = scriptOrUndefined(text),
): FoundEcho[] | undefined {
  if (!script) return undefined;
  const src = {
    script,
    file: text,
    escapeChar: "\\",
    span: (a: number, b: number): [number, number] => [a, b],
    direct: true,
  };
  return echoCalls(src, (shell) => shell === "sh").filter(
    (e) => e.runner === undefined || e.runner === "sh",
  );
}
