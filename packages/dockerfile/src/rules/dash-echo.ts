import { dashEcho } from "@alpinize/busybox";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import { runsUnderDash } from "./dash-sh.js";
import type { ScriptScope } from "./scope.js";

/** The escapes named in a note: the first few, as written for echo. */
function named(escapes: readonly { text: string }[]): string {
  const distinct = [...new Set(escapes.map((e) => e.text))];
  const shown = distinct.slice(0, 3).join(" ");
  return distinct.length > 3 ? `${shown} …` : shown;
}

/**
 * Rule `shell` (echo): on Debian a RUN's `echo "a\nb"` ran under dash, whose echo turns `\n`,
 * `\t`, `\c`, `\\`, `\0NNN` into other bytes; busybox ash's echo prints them as written unless
 * given -e. Such a call becomes `echo -e …` (dash's `-n` → `-ne`), with the few escapes busybox
 * -e reads otherwise respelled (@alpinize/busybox `dashEcho`, checked against both shells), and a
 * note. Under bash (a bash SHELL, /bin/sh linked to bash, a bash heredoc) echo is left alone.
 */
export function rewriteDashEcho(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  const [echo, ...args] = cmd.args;
  if (echo?.raw !== "echo" || !runsUnderDash(scope)) return;
  const r = dashEcho(args.map((a) => a.raw));
  if (r.kind === "none") return;
  const which = named(r.escapes);
  if (r.kind === "declined") {
    const why =
      r.reason === "option"
        ? `dash's echo printed "${r.word}" as text, which busybox's echo takes as its option`
        : "an escape busybox -e reads otherwise is written across quotes";
    scope.warnIfKept(
      pipeline,
      "shell",
      echo.start,
      `echo with ${which}: under Debian's /bin/sh (dash) echo turned these escapes into characters, busybox ash's echo prints them as written; left as is, since ${why}: write it with printf (printf '%b\\n' …) to print what it printed on Debian`,
    );
    return;
  }
  if (r.option === "-ne") scope.replaceWord(cmd, args[0]!, "-ne", "shell");
  else scope.replaceWord(cmd, echo, "echo -e", "shell");
  for (const e of r.edits) {
    const word = args[e.word]!;
    scope.rawEdits.push({
      start: word.start + e.start,
      end: word.start + e.end,
      text: e.text,
      rule: "shell",
    });
  }
  const respelled =
    r.edits.length > 0
      ? " (with \\x and octal escapes past \\0377 respelled, which busybox -e reads otherwise)"
      : "";
  scope.warnIfKept(
    pipeline,
    "shell",
    echo.start,
    `echo with ${which} is now ${r.option === "-ne" ? "echo -ne" : "echo -e"}${respelled}: under Debian's /bin/sh (dash) echo turned these escapes into characters, busybox ash's echo prints them as written without -e`,
  );
}
