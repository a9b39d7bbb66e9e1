import type { Word } from "../shell/tokens.js";
import { ALPINE_BASE_GROUPS, ALPINE_GROUPS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { groupWithGid, isExpansion, recordGroup } from "./users-gids.js";
import { groupName } from "./users-group-names.js";
import { checkIds } from "./users-ids.js";
import { fixShell } from "./users-login-shell.js";
import { type Fail, optionValue, type Parsed, parseOptions, q } from "./users-options.js";
import { passwordStep } from "./users-password.js";
import { sshUnlock } from "./users-ssh.js";
import { joinGroups } from "./users-supplementary.js";

const USERADD_VALUES = new Set([
  "-u",
  "-g",
  "-G",
  "-d",
  "-s",
  "-c",
  "-k",
  "-e",
  "-f",
  "-p",
  "-K",
  "-b",
]);
const USERADD_LONG: Record<string, string> = {
  "--uid": "-u",
  "--gid": "-g",
  "--groups": "-G",
  "--home-dir": "-d",
  "--home": "-d",
  "--shell": "-s",
  "--comment": "-c",
  "--skel": "-k",
  "--system": "-r",
  "--create-home": "-m",
  "--no-create-home": "-M",
  "--no-user-group": "-N",
  "--user-group": "-U",
  "--no-log-init": "-l",
  "--non-unique": "-o",
  "--password": "-p",
  "--expiredate": "-e",
  "--inactive": "-f",
  "--key": "-K",
  "--base-dir": "-b",
};
/** useradd options busybox adduser has nothing for. */
const DROPPED = ["-o", "-e", "-f", "-K", "-b"];

/** shadow's `useradd` → busybox `adduser -D`, with its group, password and groups as steps. */
export function useradd(
  scope: ScriptScope,
  at: number,
  words: Word[],
  fail: Fail,
): string | undefined {
  const p = parseOptions(words, USERADD_VALUES, USERADD_LONG);
  if (p?.operands.length !== 1) return fail("with arguments alpinize cannot read");
  const o = p.options;
  const name = p.operands[0]!;
  for (const k of DROPPED) {
    if (o.has(k))
      scope.warn("users", at, `useradd ${k} has no busybox adduser equivalent; dropped`);
  }
  const setHash = passwordStep(scope, at, name, o);
  checkIds(scope, at, optionValue(o, "-u"), undefined, name, "user");
  const system = o.has("-r");
  const { group, ownGroup } = primaryGroup(scope, at, name, o);
  // The user's own group, made here or by busybox adduser: later steps may add others to it.
  if (ownGroup || group === undefined) recordGroup(scope, name, undefined);
  const out = ownGroup ? [`addgroup${system ? " -S" : ""} ${q(name)} &&`] : [];
  out.push(...adduserCall(scope, at, name, group, o));
  const extra = optionValue(o, "-G");
  // `-G ''` is no group at all for useradd; busybox addgroup USER '' would fail.
  const tail = extra
    ? joinGroups(scope, at, name, extra.split(","), "useradd -G")
        .map((step) => ` && ${step}`)
        .join("")
    : "";
  const user = { name, shell: optionValue(o, "-s"), system, password: o.has("-p") };
  return out.join(" ") + setHash + tail + sshUnlock(scope, at, user);
}

/**
 * The group busybox adduser -G gets, and whether a group of the user's name must be made for it
 * first.
 */
function primaryGroup(
  scope: ScriptScope,
  at: number,
  name: string,
  o: Parsed["options"],
): { group: string | undefined; ownGroup: boolean } {
  let group = groupName(scope, at, optionValue(o, "-g"));
  // -N: no group of the user's own; Debian then uses its default group, users (100 on Alpine too).
  if (o.has("-N") && group === undefined) group = "users";
  // A group of the user's own name that Alpine's base already has (ping, abuild, …): busybox
  // would fail creating it, so the user joins the existing one.
  if (group === undefined && ALPINE_GROUPS.has(name)) {
    scope.warn(
      "users",
      at,
      `group ${name} already exists in Alpine's base image: the user joins it (adduser -G ${name}) instead of getting a new group of that name`,
    );
    group = name;
  }
  if (group !== undefined) return { group, ownGroup: false };
  // useradd -r makes a same-named group; busybox adduser -S would use nogroup instead.
  if (o.has("-r")) return { group: name, ownGroup: true };
  const uid = optionValue(o, "-u");
  const holder = uid === undefined ? undefined : groupWithUidAsGid(scope, uid);
  // A group of the user's very name fails the same on Debian (useradd asks for -g).
  if (holder === undefined || holder === name) return { group, ownGroup: false };
  // busybox gives the user's own group its UID as GID and stops when a group has that GID;
  // useradd picks another GID for it.
  scope.warn(
    "users",
    at,
    `useradd -u ${uid}: GID ${uid} belongs to group ${holder} on Alpine, and busybox adduser would give ${name}'s own group GID ${uid} and stop (uid '${uid}' in use): the group is made first (addgroup ${name}) and gets the next free GID, as useradd gives it`,
  );
  return { group: name, ownGroup: true };
}

/** The group that has GID `uid` on Alpine: one of its base image, or one this stage made. */
function groupWithUidAsGid(scope: ScriptScope, uid: string): string | undefined {
  const numeric = /^\d+$/.test(uid);
  if (!numeric && !isExpansion(uid)) return undefined;
  return groupWithGid(scope, uid) ?? (numeric ? ALPINE_BASE_GROUPS.get(Number(uid)) : undefined);
}

/** The `adduser -D …` words for the user itself. */
function adduserCall(
  scope: ScriptScope,
  at: number,
  name: string,
  group: string | undefined,
  o: Parsed["options"],
): string[] {
  const value = (k: string) => optionValue(o, k);
  const out = ["adduser"];
  if (o.has("-r")) out.push("-S");
  out.push("-D");
  if (value("-u")) out.push("-u", value("-u")!);
  if (group !== undefined) out.push("-G", q(group));
  if (value("-d")) out.push("-h", q(value("-d")!));
  if (value("-s")) out.push("-s", q(fixShell(scope, value("-s")!, at)));
  if (value("-c") !== undefined) out.push("-g", q(value("-c")!));
  if (value("-k")) out.push("-k", q(value("-k")!));
  // Debian's useradd makes a home only with -m (login.defs has no CREATE_HOME); busybox always does.
  if (!o.has("-m")) out.push("-H");
  out.push(q(name));
  return out;
}
