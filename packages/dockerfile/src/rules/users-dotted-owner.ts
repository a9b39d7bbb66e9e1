import type { SimpleCommand } from "../shell/script.js";
import type { ScriptScope } from "./scope.js";
import { madeInChain } from "./users-gids.js";

/** A word busybox gets as written: no expansion, no quote. */
const LITERAL = /^[\w.:-]+$/;

/**
 * Rule `users`: an owner word busybox chown or chgrp reads otherwise than Debian's GNU tools.
 * busybox turns the first dot into a colon (chgrp puts a colon before its word first), then
 * splits USER:GROUP at the first colon; GNU takes a name with a dot whole where one is there. So
 * on Alpine `chown app:my.group` and `chgrp my.group` always stop the build, and `chown john.doe`
 * does for a user john.doe the file made (alpinize check says the same). Left as written, warned
 * with the spelling busybox takes; none when the stage installs coreutils (GNU chown comes first).
 */
export function warnDottedOwner(scope: ScriptScope, cmd: SimpleCommand): void {
  const { info, alpineInstalled } = scope.stage;
  if (!info.alpine || info.already || alpineInstalled.has("coreutils")) return;
  const tool = cmd.name?.replace(/^.*\//, "");
  if (tool !== "chown" && tool !== "chgrp") return;
  const words = cmd.args.slice(1).map((w) => w.value ?? w.raw);
  if (words.some((w) => w.startsWith("--reference"))) return;
  const word = words.find((w) => !w.startsWith("-"));
  if (word === undefined || !word.includes(".") || !LITERAL.test(word)) return;
  const fix = dottedOwnerFix(scope, tool, word);
  if (fix === undefined) return;
  const given = tool === "chgrp" ? `:${word}` : word;
  const read = given.replace(".", ":");
  scope.warn(
    "users",
    cmd.start,
    `busybox ${tool} reads ${word} as ${read} (it turns the first dot into a colon), so on Alpine it stops the build ("${tool}: unknown user/group ${read}") where Debian's GNU ${tool} takes the name whole; left as is: ${fix}`,
  );
}

/** What to write instead, or undefined when busybox reads the word as GNU does. */
function dottedOwnerFix(scope: ScriptScope, tool: string, word: string): string | undefined {
  const colon = word.indexOf(":");
  const dot = word.indexOf(".");
  if (tool === "chgrp")
    return `write chown .${word} (busybox chown splits at the first dot and keeps the rest of the group's name) or the GID`;
  if (colon !== -1 && colon < dot)
    return `write ${word.slice(0, colon)}.${word.slice(colon + 1)} (busybox chown splits at the first dot and keeps the rest of the group's name; GNU chown reads it the same) or the GID`;
  // `chown app.staff` is USER.GROUP on both, unless a user is named so (its group, made with it).
  const user = colon === -1 ? word : word.slice(0, colon);
  if (dot === 0 || (colon === -1 && !madeInChain(scope, user))) return undefined;
  return `busybox chown cannot name a user with a dot in it: give the UID (chown "$(id -u ${user})" FILE) or apk add --no-cache coreutils before it (GNU chown takes the whole name)`;
}
