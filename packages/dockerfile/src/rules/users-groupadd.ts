import type { Word } from "../shell/tokens.js";
import type { ScriptScope } from "./scope.js";
import { recordGroup } from "./users-gids.js";
import { checkIds } from "./users-ids.js";
import { type Fail, optionValue, parseOptions, q } from "./users-options.js";

const GROUPADD_VALUES = new Set(["-g", "-K", "-p"]);
const GROUPADD_LONG: Record<string, string> = {
  "--gid": "-g",
  "--system": "-r",
  "--force": "-f",
  "--non-unique": "-o",
  "--key": "-K",
  "--password": "-p",
};

/** `groupadd [-r] [-g GID] [-f] NAME` → `addgroup [-S] [-g GID] NAME`. */
export function groupadd(
  scope: ScriptScope,
  at: number,
  words: Word[],
  fail: Fail,
): string | undefined {
  const p = parseOptions(words, GROUPADD_VALUES, GROUPADD_LONG);
  if (p?.operands.length !== 1) return fail("with arguments alpinize cannot read");
  const name = p.operands[0]!;
  const gid = optionValue(p.options, "-g");
  // With -f an existing group is fine, so only the GID can clash.
  const existingOk = p.options.has("-f") ? undefined : name;
  checkIds(scope, at, undefined, gid, existingOk, "group");
  recordGroup(scope, name, gid);
  const call = addgroupCall(name, gid, p.options.has("-r"));
  // groupadd -f: an existing group is success; busybox addgroup fails on it, so look first.
  if (p.options.has("-f")) return `{ grep -q ${groupPattern(name)} /etc/group || ${call}; }`;
  return call;
}

/** busybox `addgroup [-S] [-g GID] NAME`, for groupadd and Debian's addgroup/adduser --group. */
export function addgroupCall(name: string, gid: string | undefined, system: boolean): string {
  const out = ["addgroup"];
  if (system) out.push("-S");
  if (gid !== undefined) out.push("-g", gid);
  out.push(q(name));
  return out.join(" ");
}

/** grep's pattern for the /etc/group line of `name`. */
function groupPattern(name: string): string {
  // A name from a variable must expand inside the pattern: double quotes, not q()'s single.
  return /[$`]/.test(name) ? `"^${name.replace(/^"(.*)"$/, "$1")}:"` : q(`^${name}:`);
}
