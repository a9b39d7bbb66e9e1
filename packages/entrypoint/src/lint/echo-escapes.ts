import { ashEchoEscapes, builtinAt } from "@alpinize/busybox";
import { backquoteText } from "../shell/backquote.js";
import type { SimpleCommand, Word } from "../shell/scan.js";

export interface EchoFinding {
  offset: number;
  message: string;
  fix: string;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NAMES = new Set(["echo", "command"]);

/**
 * An `echo` builtin call of a `#!/bin/sh` script whose words hold escapes Debian's /bin/sh (dash)
 * turns into characters and Alpine's (busybox ash) prints as written without -e: `echo` itself,
 * spelt `\echo` or `"echo"` or behind `command` (`@alpinize/busybox` `builtinAt`, the reading
 * migrate and check use), not the echo program behind `env` or `sudo`. A warning: a script written
 * for Alpine may mean the backslashes as they are; one written for Debian meant the characters.
 */
export function echoEscapeFinding(cmd: SimpleCommand): EchoFinding | undefined {
  const first = cmd.words.findIndex((w) => !ASSIGNMENT.test(w.text));
  // Most commands are neither echo nor command however quoted: their words are not read.
  if (first < 0 || !NAMES.has(cmd.words[first]!.text.replace(/["'\\]/g, ""))) return undefined;
  const words = cmd.words.slice(first).map((w) => readAs(cmd, w));
  const name = builtinAt(
    words.map((w) => w.text),
    "echo",
  );
  if (name === undefined) return undefined;
  const args = words.slice(name + 1);
  const found = ashEchoEscapes(args.map((w) => w.text));
  const at = found[0];
  if (!at) return undefined;
  const shown = [...new Set(found.map((e) => e.text))].slice(0, 3).join(" ");
  const arg = args[at.word]!;
  return {
    offset: arg.start + (arg.at ? arg.at[at.start]! : at.start),
    message: `echo with ${shown}: Debian's /bin/sh (dash) turns these escapes into characters, Alpine's (busybox ash) prints them as written without -e`,
    fix: "if the characters are meant (a script written for Debian), write printf '%b\\n' \"…\" (the same on both; or echo -e, which dash prints as text); if the backslashes are meant, printf '%s\\n' \"…\"",
  };
}

/** A word as sh reads it: inside backquotes, with the backslashes they take off taken off. */
function readAs(cmd: SimpleCommand, w: Word): { text: string; start: number; at?: number[] } {
  if (cmd.backquote === undefined || !/\\/.test(w.text)) return { text: w.text, start: w.start };
  const { text, at } = backquoteText(w.text, cmd.backquote);
  return { text, start: w.start, at };
}
