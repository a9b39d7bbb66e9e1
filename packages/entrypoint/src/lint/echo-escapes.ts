import { ashEchoEscapes } from "@alpinize/busybox";
import type { SimpleCommand } from "../shell/scan.js";

export interface EchoFinding {
  offset: number;
  message: string;
  fix: string;
}

/**
 * An `echo` builtin call (`echo` itself, not a program behind `env` or `sudo`) of a `#!/bin/sh`
 * script whose words hold escapes Debian's /bin/sh (dash) turns into characters and Alpine's
 * (busybox ash) prints as written without -e. A warning: a script written for Alpine may mean the
 * backslashes as they are; one written for Debian meant the characters.
 */
export function echoEscapeFinding(cmd: SimpleCommand): EchoFinding | undefined {
  const [first, ...args] = cmd.words;
  if (first?.text !== "echo") return undefined;
  const found = ashEchoEscapes(args.map((w) => w.text));
  const at = found[0];
  if (!at) return undefined;
  const shown = [...new Set(found.map((e) => e.text))].slice(0, 3).join(" ");
  return {
    offset: args[at.word]!.start + at.start,
    message: `echo with ${shown}: Debian's /bin/sh (dash) turns these escapes into characters, Alpine's (busybox ash) prints them as written without -e`,
    fix: "if the characters are meant (a script written for Debian), write printf '%b\\n' \"…\" (the same on both; or echo -e, which dash prints as text); if the backslashes are meant, printf '%s\\n' \"…\"",
  };
}
