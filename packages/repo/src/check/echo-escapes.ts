import { ashEchoEscapes } from "@alpinize/busybox";
import type { ShellCommand } from "../dockerfile/commands.js";

/**
 * `echo-escapes`: an `echo` a RUN's /bin/sh (busybox ash) runs without -e, whose words hold escapes
 * Debian's dash turned into characters (`\n`, `\t`, `\c`, `\\`, `\0NNN`): ash prints them as
 * written. A warning, not an error: a file written for Alpine may mean the backslashes; one
 * carried over from a Debian image meant the characters, and alpinize cannot tell which.
 */
export function echoEscapeMessage(cmd: ShellCommand, stageName: string): string | undefined {
  if (cmd.name !== "echo") return undefined;
  const found = ashEchoEscapes(cmd.args.map(quoted));
  if (found.length === 0) return undefined;
  const shown = [...new Set(found.map((e) => e.text))].slice(0, 3).join(" ");
  return `echo with ${shown} in Alpine stage ${stageName} prints these as written: busybox ash's echo (this RUN's /bin/sh) reads escapes only with -e, where Debian's /bin/sh (dash) turned them into characters; if the line came from a Debian image, write echo -e (alpinize migrate does) or printf '%b\\n' …, and if the backslashes are meant, leave it (or printf '%s\\n' …)`;
}

/**
 * The scanner's words come with quotes and escapes removed (expansions kept as written): what
 * echo receives, written back in single quotes for a reader of words as written. An expansion
 * read as text this way differs only right after a backslash, which no escape is then.
 */
function quoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
