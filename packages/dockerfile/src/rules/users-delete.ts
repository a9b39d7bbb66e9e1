import type { Word } from "../shell/tokens.js";
import type { ScriptScope } from "./scope.js";
import { type Fail, parseOptions, q } from "./users-options.js";

const USERDEL_LONG: Record<string, string> = { "--remove": "-r", "--force": "-f" };
const USERMOD_VALUES = new Set(["-G", "-g", "-u", "-d", "-s", "-l", "-c", "-e", "-f", "-p"]);
const USERMOD_LONG: Record<string, string> = { "--append": "-a", "--groups": "-G" };

/**
 * `userdel [-r] [-f] USER` → busybox `deluser [--remove-home] USER`, which also deletes the
 * user's own group, as Debian's userdel does (USERGROUPS_ENAB).
 */
export function userdel(
  scope: ScriptScope,
  at: number,
  words: Word[],
  fail: Fail,
): string | undefined {
  const p = parseOptions(words, new Set(), USERDEL_LONG);
  if (!p || userdelNeedsShadow(words)) return fail("with options busybox deluser lacks");
  // -f only matters for a user logged in or running processes: none is while an image builds.
  if (p.options.has("-f"))
    scope.warn("users", at, "userdel -f: busybox deluser has no -f; dropped");
  const home = p.options.has("-r") ? "--remove-home " : "";
  return `deluser ${home}${q(p.operands[0]!)}`;
}

/** `groupdel GROUP` → busybox `delgroup GROUP`. */
export function groupdel(words: Word[], fail: Fail): string | undefined {
  if (groupdelNeedsShadow(words)) return fail("with options busybox delgroup lacks");
  return `delgroup ${q(words[0]!.value!)}`;
}

/** userdel options other than -r and -f (-Z, --prefix, --root…) or not one user: shadow's only. */
export function userdelNeedsShadow(words: Word[]): boolean {
  const p = parseOptions(words, new Set(), USERDEL_LONG);
  if (p?.operands.length !== 1) return true;
  return [...p.options.keys()].some((k) => k !== "-r" && k !== "-f");
}

/** groupdel with any option (-f deletes a user's primary group, which busybox refuses). */
export function groupdelNeedsShadow(words: Word[]): boolean {
  return words.length !== 1 || words[0]!.value === undefined || words[0]!.value.startsWith("-");
}

/**
 * usermod forms busybox has no tool for: anything but `usermod [-a] -G GROUPS USER`
 * (`-u`, `-g`, `-d`, `-s`, `-l`, `-L`…).
 */
export function usermodNeedsShadow(words: Word[]): boolean {
  const p = parseOptions(words, USERMOD_VALUES, USERMOD_LONG);
  if (p?.operands.length !== 1 || !p.options.has("-G")) return true;
  return [...p.options.keys()].some((k) => k !== "-a" && k !== "-G");
}

/** The users-rule tools whose call needs Alpine's shadow package as written. */
export function needsShadow(name: string, words: Word[]): boolean {
  if (name === "usermod") return usermodNeedsShadow(words);
  if (name === "userdel") return userdelNeedsShadow(words);
  if (name === "groupdel") return groupdelNeedsShadow(words);
  return false;
}
