import { addgroupCall } from "./addgroup-call.js";
import { ALPINE_BASE_PRIMARY_GIDS, ALPINE_GROUPS } from "./alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import { imageGroupWithGid } from "./image-accounts.js";
import type { ScriptScope } from "./scope.js";
import { baseGroupAt, recordRemoved } from "./users-base-gone.js";
import { gidUseBefore, groupNameUse } from "./users-base-uses.js";
import { gidHolder, groupWithGid, recordGroup } from "./users-gids.js";
import { q } from "./users-options.js";

/** Alpine's base group that has a GID a step asks for, and why it must stay, if it must. */
export interface BaseHolder {
  name: string;
  keep?: string;
}

/**
 * The base group of Alpine's image that has numeric GID `gid` where the command at script offset
 * `at` makes group `group` with it. It may go (busybox delgroup) when Debian's base leaves that GID
 * free, so the Debian file worked; no base user has it as primary group (delgroup refuses); and
 * these stages neither name the group nor use the GID before, while it is still the base group's.
 */
export function baseHolder(
  scope: ScriptScope,
  at: number,
  gid: string,
  group: string,
): BaseHolder | undefined {
  if (!/^\d+$/.test(gid)) return undefined;
  const n = Number(gid);
  // A group this stage chain made holds the GID now, not Alpine's base group.
  const image = imageGroupWithGid(scope.ctx, scope.stage.info.stage, gid);
  const made = groupWithGid(scope, gid);
  if (made !== undefined && made !== image) return undefined;
  const name = baseGroupAt(scope, at, n);
  if (name === undefined || name === group) return undefined;
  return { name, keep: keepReason(scope, at, n, name, image) };
}

function keepReason(
  scope: ScriptScope,
  at: number,
  gid: number,
  name: string,
  image: string | undefined,
): string | undefined {
  const debian = [...DEBIAN_BASE_GROUPS].find(([, id]) => id === gid)?.[0] ?? image;
  if (debian !== undefined)
    return `the Debian image has GID ${gid} too (group ${debian}), so this fails on Debian as well`;
  const user = ALPINE_BASE_PRIMARY_GIDS.get(gid);
  if (user !== undefined) return `it is the primary group of Alpine's base user ${user}`;
  const named = groupNameUse(scope, name);
  if (named !== undefined) return `this file uses group ${name} (${named})`;
  const numbered = gidUseBefore(scope, at, gid);
  if (numbered !== undefined)
    return `this file uses GID ${gid} before, while it is still ${name}'s (${numbered})`;
  return undefined;
}

/**
 * `delgroup HOLDER && ` to run right before the addgroup that gives `group` GID `gid`, when Alpine's
 * base group holding it may go (see baseHolder), else "". `gets` ends the warning: what the
 * removal keeps as on Debian. The caller records `group` (recordGroup) with the GID.
 */
export function removeBaseHolder(
  scope: ScriptScope,
  at: number,
  gid: string,
  group: string,
  gets: string,
): string {
  const info = scope.stage.info;
  // A stage that was on Alpine already chose its GIDs for Alpine; `addgroup` clashes by name anyway.
  if (!info.alpine || info.already || ALPINE_GROUPS.has(group)) return "";
  const holder = baseHolder(scope, at, gid, group);
  if (holder === undefined || holder.keep !== undefined) return "";
  recordRemoved(scope, holder.name, group);
  scope.warn(
    "users",
    at,
    `Alpine's base group ${holder.name} holds GID ${gid} (Debian's base has no group there); removed it so ${gets} as on Debian`,
  );
  return `delgroup ${q(holder.name)} && `;
}

/**
 * `delgroup HOLDER && ` for the own group of user `name` made with UID `uid`: Debian's useradd
 * and Debian's adduser (`--uid N` alone, or `--system --uid N --group`) give that group GID N
 * where it is free, as Debian's base leaves 999 and 11. "" when there is no UID or nothing may go.
 */
export function freeOwnGroupGid(
  scope: ScriptScope,
  at: number,
  name: string,
  uid: string | undefined,
): string {
  if (uid === undefined) return "";
  return removeBaseHolder(scope, at, uid, name, `${name}'s own group gets GID ${uid}, its UID,`);
}

/**
 * A system user's own group that Debian gives GID `uid` (`useradd -r -u N`, `adduser --system
 * --uid N --group`) where Alpine's base group on N must stay: busybox addgroup -S picks another
 * GID, which is said. `option` is the call as written, for the message.
 */
function noteKeptHolder(
  scope: ScriptScope,
  at: number,
  option: string,
  name: string,
  uid: string,
): void {
  const info = scope.stage.info;
  const holder = info.alpine && !info.already ? baseHolder(scope, at, uid, name) : undefined;
  if (holder?.keep === undefined) return;
  scope.warn(
    "users",
    at,
    `${option} ${uid}: Debian's ${option.split(" ")[0]} gives ${name}'s own group GID ${uid}, which Alpine's base group ${holder.name} has and keeps (${holder.keep}): busybox addgroup -S gives ${name} another GID`,
  );
}

/**
 * The addgroup step for a system user's own group that Debian gives GID `uid` where it is free
 * (`useradd -r -u N`, `adduser --system --uid N --group`): busybox addgroup -S would pick the
 * first free system GID (101) instead. `-g N` when Alpine's base group on N may go (delgroup
 * first), or when no group has N there and the file names N nowhere before as another group's;
 * else busybox picks, as before. Records the group. `option` is the call as written.
 */
export function systemOwnGroupStep(
  scope: ScriptScope,
  at: number,
  option: string,
  name: string,
  uid: string | undefined,
): string {
  const freed = freeOwnGroupGid(scope, at, name, uid);
  if (freed) {
    recordGroup(scope, name, uid);
    return freed + addgroupCall(name, uid, true);
  }
  if (uid !== undefined) noteKeptHolder(scope, at, option, name, uid);
  const gid = uid !== undefined && gidFree(scope, at, uid) ? uid : undefined;
  recordGroup(scope, name, gid);
  if (gid === undefined) return addgroupCall(name, undefined, true);
  // A package installed before may have made a group with a system GID busybox picked (100-999);
  // Debian's tools then give another GID, as the second addgroup does.
  if (Number(gid) >= FIRST_SYSTEM_ID && Number(gid) <= LAST_SYSTEM_ID && installedAny(scope))
    return `{ ${addgroupCall(name, gid, true)} || ${addgroupCall(name, undefined, true)}; }`;
  return addgroupCall(name, gid, true);
}

/** Busybox's (and Alpine's) range of system IDs addgroup -S picks from. */
const FIRST_SYSTEM_ID = 100;
const LAST_SYSTEM_ID = 999;

/** No group has numeric GID `gid` where line `at` runs, and the file uses it before as none's. */
function gidFree(scope: ScriptScope, at: number, gid: string): boolean {
  if (!/^\d+$/.test(gid)) return false;
  return (
    gidHolder(scope, gid, at) === undefined && gidUseBefore(scope, at, Number(gid)) === undefined
  );
}

function installedAny(scope: ScriptScope): boolean {
  return scope.stage.alpineInstalled.size > 0 || scope.stage.debianInstalled.size > 0;
}
