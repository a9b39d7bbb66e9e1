import { bracedEchoEscapes, builtinAt, dashEcho } from "@alpinize/busybox";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { runsUnderDash } from "./dash-sh.js";
import type { ScriptScope } from "./scope.js";

/**
 * An echo called in a text (a `-c` or eval string, a substitution not read), its name quoted or
 * escaped too (`\echo`, `"echo"`): with a backslash in the text, dash's echo may have read escapes.
 */
export const ECHO_CALL = /(?:^|[\s;&|(`'"\\])echo(?=[\s'"`]|$)/;

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
 * note. The builtin however its name is spelt (`\echo`, `"echo"`) and behind `command`, whose
 * `-e` goes after the name as written. Under bash (a bash SHELL, /bin/sh linked to bash, a bash
 * heredoc) echo is left alone.
 */
export function rewriteDashEcho(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  const call = echoCall(cmd);
  if (!call || !runsUnderDash(scope)) return;
  const { echo, args } = call;
  const raw = args.map((a) => a.raw);
  const r = dashEcho(raw);
  // With -e added, busybox reads the escapes a `${ }` gives as dash did: only `none` leaves them.
  if (r.kind === "none") {
    warnBraced(scope, pipeline, echo, raw);
    return;
  }
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
  else scope.replaceWord(cmd, echo, `${echo.raw} -e`, "shell");
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

/** An echo left as is whose `${ }` words hold escapes (`"${X:-a\tb}"`): a warning at it. */
function warnBraced(scope: ScriptScope, pipeline: Pipeline, echo: Word, args: string[]): void {
  const braced = bracedEchoEscapes(args, "dash");
  if (braced.length === 0) return;
  scope.warnIfKept(
    pipeline,
    "shell",
    echo.start,
    `echo with ${named(braced.map((text) => ({ text })))} inside \${ }: when that word is used, Debian's /bin/sh (dash) echo turned these escapes into characters, busybox ash's echo prints them as written; left as is (whether it is used is known only when it runs): write echo -e (or printf '%b\\n' …) where the characters are meant`,
  );
}

/**
 * The echo builtin a command runs: the word that names it and the words it gets (see
 * `builtinAt`), or undefined. Most commands are not named echo or command: no word is read.
 */
export function echoCall(cmd: SimpleCommand): { echo: Word; args: Word[] } | undefined {
  if (cmd.name !== "echo" && cmd.name !== "command") return undefined;
  const at = builtinAt(
    cmd.args.map((a) => a.raw),
    "echo",
  );
  return at === undefined ? undefined : { echo: cmd.args[at]!, args: cmd.args.slice(at + 1) };
}

/**
 * `eval '…'` (`eval "echo 'a\tb'"`): the shell reads the string as a script when eval runs,
 * dash on Debian and busybox ash on Alpine; an echo in it given backslashes is warned at, not
 * rewritten, as eval gets its words only after the shell has expanded and joined them.
 */
export function warnEvalEcho(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  if (cmd.name !== "eval" && cmd.name !== "command") return;
  const at = builtinAt(
    cmd.args.map((a) => a.raw),
    "eval",
  );
  const words = at === undefined ? [] : cmd.args.slice(at + 1);
  const text = words.map((w) => w.raw).join(" ");
  if (!text.includes("\\") || !ECHO_CALL.test(text) || !runsUnderDash(scope)) return;
  scope.warnIfKept(
    pipeline,
    "shell",
    words[0]!.start,
    "this eval string runs echo with backslashes under Debian's /bin/sh (dash), whose echo turns escapes (\\n, \\t, \\c, \\\\, \\0NNN) into characters, where busybox ash's echo prints them as written: eval strings are not rewritten: write echo -e in it (or printf '%b\\n' …) where the characters are meant",
  );
}
