import { ashEchoEscapes } from "@alpinize/busybox";
import { isAlpinizeError } from "@alpinize/errors";
import { type ShellCommand, scanCommands } from "../dockerfile/commands.js";
import { lineIndex } from "./line-index.js";

/**
 * The message for an echo with escapes `shown` (escapesShown), `shell` saying which busybox ash
 * runs it: "this RUN's /bin/sh", "this CMD's /bin/sh", "/bin/sh, which runs this sh -c string".
 */
export function escapesMessage(shown: string, stageName: string, shell: string): string {
  return `echo with ${shown} in Alpine stage ${stageName} prints these as written: busybox ash's echo (${shell}) reads escapes only with -e, where Debian's /bin/sh (dash) turned them into characters; if the line came from a Debian image, write echo -e (alpinize migrate does) or printf '%b\\n' …, and if the backslashes are meant, leave it (or printf '%s\\n' …)`;
}

/**
 * The scanner's words come with quotes and escapes removed (expansions kept as written): what
 * echo receives, written back in single quotes for a reader of words as written. An expansion
 * read as text this way differs only right after a backslash, which no escape is then.
 */
function quoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** The escapes (the first three) an echo call busybox ash runs prints as written, if any. */
function echoEscapesShown(cmd: ShellCommand): string | undefined {
  return cmd.name === "echo" ? escapesShown(cmd.args.map(quoted)) : undefined;
}

/** The escapes (the first three) busybox ash's echo prints as written, of its words as written. */
export function escapesShown(args: readonly string[]): string | undefined {
  const found = ashEchoEscapes(args);
  if (found.length === 0) return undefined;
  return [...new Set(found.map((e) => e.text))].slice(0, 3).join(" ");
}

/** The first such echo of a script's own code (not its `sh -c` strings), with its line. */
export function scriptEchoCall(text: string): { line: number; shown: string } | undefined {
  let commands: ShellCommand[];
  try {
    commands = scanCommands(text);
  } catch (err) {
    if (isAlpinizeError(err)) return undefined;
    throw err;
  }
  const position = lineIndex(text);
  for (const cmd of commands) {
    const shown = echoEscapesShown(cmd);
    if (shown !== undefined) return { line: position(cmd.offset).line, shown };
  }
  return undefined;
}

/** `echo-escapes` for a copied script a RUN runs under busybox ash (its `#!/bin/sh`, or `sh FILE`). */
export function scriptEchoMessage(
  echo: { line: number; shown: string },
  script: { path: string; file: string },
  stageName: string,
): string {
  return `echo with ${echo.shown} (line ${echo.line} of ${script.path}, ${script.file} in the build context, which this RUN runs under /bin/sh) in Alpine stage ${stageName} prints these as written: busybox ash's echo reads escapes only with -e, where Debian's /bin/sh (dash) turned them into characters; if the script came from a Debian image, write printf '%b\\n' … there (the same under both; alpinize migrate warns, it does not rewrite scripts), and if the backslashes are meant, leave it`;
}
