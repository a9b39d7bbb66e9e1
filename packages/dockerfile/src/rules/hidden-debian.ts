import type { SimpleCommand } from "../shell/script.js";
import type { ScriptScope } from "./scope.js";

/** Debian tools named inside strings and substitutions, which no rule rewrites. */
const HIDDEN_DEBIAN =
  /(?:^|[\s;&|(`'"])(apt-get|aptitude|apt|dpkg(?! --print-architecture)|groupadd|useradd|usermod)(?=[\s;&|)`'"]|$)/;
const RUNS_STRINGS = new Set([
  "sh",
  "bash",
  "ash",
  "dash",
  "eval",
  "su",
  "xargs",
  "chroot",
  "runuser",
  // `echo | { apt-get …; }`: after a pipe the group is read as a command named `{`.
  "{",
]);

export function flagHidden(scope: ScriptScope, cmd: SimpleCommand): void {
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  const words = [...cmd.assignments, ...cmd.args.slice(1)].filter(
    (w) => !scope.convertedStrings.has(w) && (RUNS_STRINGS.has(name) || /\$\(|`/.test(w.raw)),
  );
  const hit = words.find((w) => HIDDEN_DEBIAN.test(w.raw));
  if (!hit) return;
  const tool = HIDDEN_DEBIAN.exec(hit.raw)![1];
  scope.warn(
    "apt",
    hit.start,
    `${tool} inside ${RUNS_STRINGS.has(name) ? name : "a command substitution"} is not converted: rewrite it for Alpine by hand`,
  );
}
