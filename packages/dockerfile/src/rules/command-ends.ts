import { assignmentMayFail } from "../shell/assignment-status.js";
import {
  ALWAYS_FAIL,
  alwaysSucceeds,
  MAY_END,
  mayExit,
  type ShellOptions,
} from "../shell/command-status.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";

/**
 * How a pipeline or group is known to end: it exits 0, it may fail (its status only), or it may
 * end the shell there (`exit 1`, `${x?}`, `>&3`, a compound command not read), so nothing after it runs.
 */
export type Unit = "ok" | "fails" | "ends";

export const worst = (a: Unit, b: Unit): Unit =>
  a === "ends" || b === "ends" ? "ends" : a === "fails" ? a : b;

/**
 * A redirection that cannot fail: to /dev/null or onto standard output or error. `>&3` fails
 * (busybox sh: bad file descriptor, exit 1), a file may be in no folder.
 */
export const SAFE_REDIRECT = /^\d*(>&[12]|>>?\s*\/dev\/null)$/;

/**
 * How `! p` ends: `! false` exits 0, `! true` 1; any other turned round may succeed or fail, and
 * is read as a compound (fail closed).
 */
export function negatedEnds(p: Pipeline, options: ShellOptions): Unit {
  const [cmd, ...rest] = p.commands;
  if (!cmd || rest.length > 0) return "ends";
  const own = commandEnds(cmd, options);
  if (own === "ok") return "fails";
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  return own === "fails" && ALWAYS_FAIL.has(name) ? "ok" : "ends";
}

/** `true`, `:`, `echo …`, `printf …`, `exit 0`, `return 0` exit 0. */
export function pipelineEnds(p: Pipeline, options: ShellOptions): Unit {
  if (p.commands.length === 0) return "ends";
  return p.commands.map((c) => commandEnds(c, options)).reduce(worst);
}

/**
 * A substitution in its words (`echo $(false)`) runs, but its status is not the command's. An
 * assignment alone (`X=1`) exits 0, or with its last substitution's status (`X=$(false)` fails);
 * assigning a variable that may be read-only (`readonly` in the script) exits busybox sh.
 */
export function commandEnds(cmd: SimpleCommand, options: ShellOptions): Unit {
  // A name with an expansion has none known: only its raw word (`$(true)`) is read.
  const name = (cmd.name ?? cmd.args[0]?.raw ?? "").replace(/^.*\//, "");
  if (!cmd.redirects.every((r) => SAFE_REDIRECT.test(r.raw))) return "ends";
  const words = [...cmd.assignments, ...cmd.args];
  if (words.some((w) => mayExit(w.raw, options.nounset))) return "ends";
  if (options.readonly && cmd.assignments.length > 0) return "ends";
  if (cmd.args.length === 0 && cmd.assignments.length > 0)
    return assignmentMayFail(cmd) ? "fails" : "ok";
  // A quoted word is read unquoted (`eval 'true'` runs true), as alpinize check's words are.
  if (
    alwaysSucceeds(
      name,
      cmd.args.slice(1).map((w) => w.value ?? w.raw),
    )
  )
    return "ok";
  // `exit` alone exits with the failed command's status.
  if ((name === "exit" || name === "return") && cmd.args.length === 2 && cmd.args[1]!.value === "0")
    return "ok";
  return cmd.name === undefined || MAY_END.has(name) ? "ends" : "fails";
}
