import { ashEchoEscapes, bracedEchoEscapes } from "@alpinize/busybox";
import { scriptEchoCalls } from "@alpinize/dockerfile";
import { lineIndex } from "./line-index.js";

/**
 * The message for an echo with escapes `shown` (escapesShown), `shell` saying which busybox ash
 * runs it: "this RUN's /bin/sh", "this CMD's /bin/sh", "/bin/sh, which runs this sh -c string".
 */
export function escapesMessage(shown: string, stageName: string, shell: string): string {
  return `echo with ${shown} in Alpine stage ${stageName} prints these as written: busybox ash's echo (${shell}) reads escapes only with -e, where Debian's /bin/sh (dash) turned them into characters; if the line came from a Debian image, write echo -e (alpinize migrate does) or printf '%b\\n' …, and if the backslashes are meant, leave it (or printf '%s\\n' …)`;
}

/**
 * The escapes (the first three) busybox ash's echo prints as written, of its words as written;
 * those written in a `${ }` (`"${X:-a\tb}"`, printed when that word is used) are marked so.
 */
export function escapesShown(args: readonly string[]): string | undefined {
  const found = [
    ...ashEchoEscapes(args).map((e) => e.text),
    ...bracedEchoEscapes(args, "ash").map((text) => `${text} (in a \${ } word)`),
  ];
  if (found.length === 0) return undefined;
  return [...new Set(found)].slice(0, 3).join(" ");
}

/**
 * The first such echo /bin/sh runs in a script, with its line: migrate's echo finder over it
 * (`scriptEchoCalls`: its own code, command substitutions and `sh -c` strings; `\echo`, `command
 * echo`; not the echo program behind `env` or `sudo`, nor a `bash -c` string's echo).
 */
export function scriptEchoCall(text: string): { line: number; shown: string } | undefined {
  const calls = scriptEchoCalls(text) ?? [];
  for (const echo of calls) {
    const shown = escapesShown(echo.args);
    if (shown !== undefined) return { line: lineIndex(text)(echo.offset).line, shown };
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
