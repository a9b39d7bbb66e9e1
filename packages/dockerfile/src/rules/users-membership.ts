import type { Word } from "../shell/tokens.js";
import type { ScriptScope } from "./scope.js";
import { usermodNeedsShadow } from "./users-delete.js";
import { type Fail, optionValue, parseOptions, q } from "./users-options.js";
import { joinGroups } from "./users-supplementary.js";

const USERMOD_VALUES = new Set(["-G", "-g", "-u", "-d", "-s", "-l", "-c", "-e", "-f", "-p"]);
const USERMOD_LONG: Record<string, string> = { "--append": "-a", "--groups": "-G" };

/**
 * `usermod -aG a,b USER` → `addgroup USER a && addgroup USER b`; `-aG ''` → "" (nothing to
 * run); other changes are left.
 */
export function usermod(
  scope: ScriptScope,
  at: number,
  words: Word[],
  fail: Fail,
): string | undefined {
  const p = parseOptions(words, USERMOD_VALUES, USERMOD_LONG);
  const groups = p && optionValue(p.options, "-G");
  if (!p || groups === undefined || usermodNeedsShadow(words)) {
    return fail("with options other than -aG");
  }
  if (!p.options.has("-a"))
    scope.warn("users", at, "usermod -G without -a replaced the group list; addgroup only adds");
  // An empty list is no group for usermod (rc 0); busybox addgroup USER '' fails. "" drops the step.
  if (groups === "") return "";
  return joinGroups(scope, at, p.operands[0]!, groups.split(","), "usermod -G").join(" && ");
}

/** `gpasswd -a USER GROUP` → `addgroup USER GROUP`; `gpasswd -d` → `delgroup`. */
export function gpasswd(
  scope: ScriptScope,
  at: number,
  words: Word[],
  fail: Fail,
): string | undefined {
  const p = parseOptions(words, new Set(["-a", "-d"]), {});
  if (p?.operands.length !== 1) return fail("with options other than -a/-d");
  const group = p.operands[0]!;
  const add = optionValue(p.options, "-a");
  if (add !== undefined) return joinGroups(scope, at, add, [group], "gpasswd -a").join(" && ");
  const del = optionValue(p.options, "-d");
  if (del !== undefined) return `delgroup ${q(del)} ${q(group)}`;
  return fail("with options other than -a/-d");
}
