import { shadowOnlyOption, shadowOnlyTool } from "@alpinize/busybox";
import { filterSucceeds } from "@alpinize/dockerfile";
import { isAlpinizeError } from "@alpinize/errors";
import { baseName, type ShellCommand, scanCommands } from "../dockerfile/commands.js";
import { runTimeOrText } from "./busybox-option.js";
import { lineIndex } from "./line-index.js";
import { withNested } from "./nested.js";

/** A RUN command that needs Alpine's shadow package, from @alpinize/busybox's table (migrate's). */
export interface ShadowNeed {
  /** What is shadow's: the tool (`chsh`), or the tool and its option (`passwd -x`). */
  what: string;
  /** Why busybox fails on it: "busybox has no chsh". */
  problem: string;
  /** busybox's way instead, as an instruction, where there is one ("use passwd -l"). */
  busybox?: string;
}

const INSTALL = "apk add --no-cache shadow";

/**
 * What of shadow's a command calls that busybox does not have: a tool busybox has no applet for
 * (chsh, chage, useradd…), or a passwd/chpasswd option only shadow's take (`passwd -x 90`,
 * `passwd --lock`, `chpasswd -s`). busybox's own passwd, chpasswd, adduser, addgroup, deluser
 * and delgroup calls are never reported.
 */
export function shadowNeed(cmd: ShellCommand): ShadowNeed | undefined {
  const name = baseName(cmd.name);
  const tool = shadowOnlyTool(name);
  if (tool !== undefined)
    return tool.busybox === undefined
      ? { what: name, problem: `busybox has no ${name}, nor any tool for ${tool.lacks}` }
      : { what: name, problem: `busybox has no ${name}`, busybox: tool.busybox };
  const option = shadowOnlyOption(name, cmd.args.map(runTimeOrText));
  if (option === undefined) return undefined;
  const need = {
    what: `${name} ${option.option}`,
    problem: `busybox ${name} has no ${option.option}, an option of shadow's ${name} only`,
  };
  return option.busybox === undefined
    ? need
    : { ...need, busybox: `use ${name} ${option.busybox}` };
}

/** The call of a script that needs shadow: the first one its failure does not leave to a guard. */
export interface ScriptShadowCall {
  need: ShadowNeed;
  /** 1-based, in the script. */
  line: number;
  /** Its failure does not stop the script (`useradd x || true`, `if command -v useradd`). */
  guarded: boolean;
}

/**
 * The first call in a script's text that needs shadow (an unguarded one before any guarded one),
 * read as check reads a RUN. A script nested too deep to read is not judged.
 */
export function scriptShadowCall(text: string): ScriptShadowCall | undefined {
  let commands: ShellCommand[];
  try {
    commands = withNested(scanCommands(text));
  } catch (err) {
    if (isAlpinizeError(err)) return undefined;
    throw err;
  }
  let guarded: ScriptShadowCall | undefined;
  const position = lineIndex(text);
  for (const cmd of commands) {
    const need = shadowNeed(cmd);
    if (need === undefined) continue;
    const call = { need, line: position(cmd.offset).line, guarded: cmd.guarded === true };
    if (!call.guarded) return call;
    guarded ??= call;
  }
  return guarded;
}

/**
 * The report of a call shadow was never installed for, in Alpine stage `stage`. `filter`: the
 * call pipes into one that exits 0 whatever it reads (`useradd app | head -1`, no pipefail): the
 * pipeline's status is the filter's, so busybox goes on past the failed call.
 */
export function shadowAbsent(need: ShadowNeed, stage: string, filter?: string): string {
  const instead = need.busybox === undefined ? "" : `${need.busybox}, or `;
  const outcome =
    filter === undefined
      ? "so the build fails here"
      : `so the call fails; piped into ${filter}, whose status the pipeline takes, the build goes on, but nothing the call was to do is done (a useradd makes no user, and a USER or chown of it fails later)`;
  return `${need.what} in Alpine stage ${stage}: ${need.problem}, ${outcome}: ${instead}${INSTALL} before it`;
}

/** ", or WAY" for the advice of a call made while shadow is not installed yet, or no longer. */
export function orBusybox(need: ShadowNeed): string {
  return need.busybox === undefined ? "" : `, or ${need.busybox}`;
}

/**
 * The filter `cmds[index]` pipes into last (`useradd app | head -1`, not `| head | grep x`) when
 * it exits 0 whatever it reads, with no `pipefail` anywhere in the file `text` (fail closed).
 */
export function pipedIntoFilter(
  cmds: readonly ShellCommand[],
  index: number,
  text: string,
): string | undefined {
  const depth = (c: ShellCommand | undefined) => c?.within?.length ?? 0;
  const next = cmds[index + 1];
  if (next?.piped !== true || depth(next) !== depth(cmds[index]) || text.includes("pipefail"))
    return undefined;
  const after = cmds[index + 2];
  if (after?.piped === true && depth(after) === depth(next)) return undefined;
  const name = baseName(next.name);
  return filterSucceeds(name, next.args) === true ? [name, ...next.args].join(" ") : undefined;
}
