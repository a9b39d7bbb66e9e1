import type { Word } from "../shell/tokens.js";
import { addgroupCall } from "./addgroup-call.js";
import { ALPINE_BASE_GROUPS, ALPINE_GROUPS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { removeBaseHolder } from "./users-base-holder.js";
import { keepsBaseAccount } from "./users-base-names.js";
import { gidHolder, isExpansion, recordGroup } from "./users-gids.js";
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

/** `groupadd [-r] [-g GID] [-f] [-o] NAME` → `addgroup [-S] [-g GID] NAME`. */
export function groupadd(
  scope: ScriptScope,
  at: number,
  words: Word[],
  fail: Fail,
): string | undefined {
  const p = parseOptions(words, GROUPADD_VALUES, GROUPADD_LONG);
  if (p?.operands.length !== 1) return fail("with arguments alpinize cannot read");
  const name = p.operands[0]!;
  const force = p.options.has("-f");
  const given = optionValue(p.options, "-g");
  const shared = p.options.has("-o");
  if (!force && keepsBaseAccount(scope, at, "group", name, given)) return "";
  // -o shares a taken GID on purpose (see sharedGid); otherwise Alpine's base group on it may go.
  const freed =
    given === undefined || shared
      ? ""
      : removeBaseHolder(scope, at, given, name, `${name} keeps GID ${given}`);
  const holder = given === undefined || freed ? undefined : gidHolder(scope, given, at);
  let call: string;
  if (shared && given !== undefined && holder !== name) {
    call = sharedGid(scope, at, name, given, holder, force);
  } else {
    const gid = force ? forcedGid(scope, at, name, given, holder) : given;
    // With -f an existing group is fine, so only the GID can clash (and not when grep finds it).
    if (!force || !ALPINE_GROUPS.has(name))
      checkIds(scope, at, undefined, freed ? undefined : gid, force ? undefined : name, "group");
    recordGroup(scope, name, gid);
    const system = p.options.has("-r");
    call = freed + addgroupCall(name, gid, system);
    // A GID variable may be taken when the line runs: groupadd -f then uses the next free GID.
    if (force && gid !== undefined && isExpansion(gid) && !ALPINE_GROUPS.has(name))
      call += ` || ${addgroupCall(name, undefined, system)}`;
  }
  // groupadd -f: an existing group is success; busybox addgroup fails on it, so look first.
  if (!force) return call;
  return `{ grep -q ${groupPattern(name)} /etc/group || ${freed ? `{ ${call}; }` : call}; }`;
}

/**
 * groupadd -f -g N: a group of that name is left as it is, and a GID another group has makes
 * the group with the next free GID instead. The GID busybox addgroup gets, if any.
 */
function forcedGid(
  scope: ScriptScope,
  at: number,
  name: string,
  gid: string | undefined,
  holder: string | undefined,
): string | undefined {
  if (gid === undefined) return undefined;
  if (ALPINE_GROUPS.has(name)) {
    const base = [...ALPINE_BASE_GROUPS].find(([, n]) => n === name)![0];
    if (/^\d+$/.test(gid) && Number(gid) !== base) {
      scope.warn(
        "users",
        at,
        `groupadd -f -g ${gid}: group ${name} already exists on Alpine with GID ${base}, and groupadd -f leaves it so: what expects GID ${gid} gets ${base}`,
      );
    }
    return gid;
  }
  if (holder === undefined) return gid;
  scope.warn(
    "users",
    at,
    `groupadd -f -g ${gid}: GID ${gid} belongs to group ${holder} on Alpine, and busybox addgroup -g would stop (gid '${gid}' in use): groupadd -f makes ${name} with the next free GID then, so -g ${gid} is dropped`,
  );
  return undefined;
}

/**
 * groupadd -o -g N: busybox addgroup has no way to give a GID to a second group. When another
 * group has it here, the group's line goes into /etc/group as groupadd -o writes it.
 */
function sharedGid(
  scope: ScriptScope,
  at: number,
  name: string,
  gid: string,
  holder: string | undefined,
  force: boolean,
): string {
  recordGroup(scope, name, gid);
  if (holder === undefined) {
    // A free GID needs no sharing; a variable's value is known only when the line runs.
    if (isExpansion(gid)) {
      scope.warn(
        "users",
        at,
        `groupadd -o -g ${gid}: busybox addgroup cannot give a GID to a second group, and stops (gid in use) when ${gid} is taken as this runs (Alpine's ping has 999, users 100): to share it, append the line instead (echo ${groupLine(name, gid)} >> /etc/group)`,
      );
    }
    if (!force) checkIds(scope, at, undefined, undefined, name, "group");
    return addgroupCall(name, gid, false);
  }
  if (!force) checkIds(scope, at, undefined, undefined, name, "group");
  scope.warn(
    "users",
    at,
    `groupadd -o -g ${gid}: busybox addgroup cannot give GID ${gid}, which group ${holder} already has, to a second group: ${name}'s line is appended to /etc/group, as groupadd -o writes it (Alpine has no /etc/gshadow); or use group ${holder} itself`,
  );
  return `echo ${groupLine(name, gid)} >> /etc/group`;
}

/** A word with a variable, without the double quotes around it: to sit inside other quotes. */
function bare(word: string): string {
  return word.replace(/^"(.*)"$/, "$1");
}

/** The /etc/group line `NAME:x:GID:` as one shell word. */
function groupLine(name: string, gid: string): string {
  // A name or GID from a variable must expand inside it: double quotes, not q()'s single.
  if (isExpansion(name) || isExpansion(gid)) return `"${bare(name)}:x:${bare(gid)}:"`;
  return q(`${name}:x:${gid}:`);
}

/** grep's pattern for the /etc/group line of `name`. */
function groupPattern(name: string): string {
  return isExpansion(name) ? `"^${bare(name)}:"` : q(`^${name}:`);
}
