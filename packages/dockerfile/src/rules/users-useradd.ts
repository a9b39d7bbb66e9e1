import type { Word } from "../shell/tokens.js";
import { addgroupCall } from "./addgroup-call.js";
import { ALPINE_GROUPS, ALPINE_USERS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { useraddAsks } from "./users-base-accounts.js";
import { freeOwnGroupGid, systemOwnGroupStep } from "./users-base-holder.js";
import { keepsBaseAccount } from "./users-base-names.js";
import { recordGroup } from "./users-gids.js";
import { groupName } from "./users-group-names.js";
import { primaryGroupStep } from "./users-groups.js";
import { homeParentStep } from "./users-home.js";
import { checkIds } from "./users-ids.js";
import { fixShell, useraddDefaultShell } from "./users-login-shell.js";
import { type Fail, optionValue, type Parsed, parseOptions, q } from "./users-options.js";
import { ownGroupFirst } from "./users-own-group.js";
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
  const extra = optionValue(o, "-G");
  // `-G ''` is no group at all for useradd; busybox addgroup USER '' would fail.
  const joins = () => (extra ? joinGroups(scope, at, name, extra.split(","), "useradd -G") : []);
  const asks = useraddAsks(o, name);
  if (keepsBaseAccount(scope, at, "user", name, optionValue(o, "-u"), asks))
    return joins().join(" && ");
  const setHash = passwordStep(scope, at, name, o);
  checkIds(scope, at, optionValue(o, "-u"), undefined, name, "user", asks);
  const system = o.has("-r");
  const { group, ownGroup, gid, freed = "", step } = primaryGroup(scope, at, name, o);
  // The user's own group, made here or by busybox adduser: later steps may add others to it.
  if (step === undefined && (ownGroup || group === undefined)) recordGroup(scope, name, gid);
  const own = step ?? `${freed}${addgroupCall(name, gid, system)}`;
  const out = ownGroup ? [`${own} &&`] : [];
  // A GID turned into the name of the group holding it (-g 27 → video) exists and keeps its
  // number: the name's warnings (video is 44 on Debian) would speak of another GID.
  const named = group !== undefined && group !== optionValue(o, "-g") && !o.has("-N");
  const make = ownGroup || named ? undefined : primaryGroupStep(scope, at, group, name);
  if (make !== undefined) out.push(`${make} &&`);
  out.push(...adduserCall(scope, at, name, group, o));
  const tail = joins()
    .map((step) => ` && ${step}`)
    .join("");
  const user = { name, shell: optionValue(o, "-s"), system, password: o.has("-p") };
  const parent = o.has("-m") ? homeParentStep(optionValue(o, "-d")) : "";
  return parent + out.join(" ") + setHash + tail + sshUnlock(scope, at, user);
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
): { group: string | undefined; ownGroup: boolean; gid?: string; freed?: string; step?: string } {
  let group = groupName(scope, at, optionValue(o, "-g"));
  // -N: no group of the user's own; Debian then uses its default group, users (100 on Alpine too).
  if (o.has("-N") && group === undefined) group = "users";
  // A group of the user's own name that Alpine's base already has (ping, abuild, …): busybox
  // would fail creating it, so the user joins the existing one.
  if (group === undefined && ALPINE_GROUPS.has(name)) {
    // A user Alpine's base has too (useradd -u 500 ntp): the line stops on the user, as its
    // warning says, so what the group does is moot.
    if (!ALPINE_USERS.has(name))
      scope.warn(
        "users",
        at,
        `group ${name} already exists in Alpine's base image: the user joins it (adduser -G ${name}) instead of getting a new group of that name`,
      );
    group = name;
  }
  if (group !== undefined) return { group, ownGroup: false };
  const uid = optionValue(o, "-u");
  const freed = freeOwnGroupGid(scope, at, name, uid);
  if (freed) return { group: name, ownGroup: true, gid: uid, freed };
  // useradd -r makes a same-named group; busybox adduser -S would use nogroup instead.
  if (o.has("-r")) {
    return {
      group: name,
      ownGroup: true,
      step: systemOwnGroupStep(scope, at, "useradd -r -u", name, uid),
    };
  }
  // useradd gives the user's group another GID when its UID is taken as a GID.
  const first = ownGroupFirst(scope, at, "useradd -u", name, uid, ", as useradd gives it");
  return first ? { group: name, ownGroup: true } : { group, ownGroup: false };
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
  const shell = o.has("-s") ? value("-s") : useraddDefaultShell(scope, o.has("-r"));
  if (shell) out.push("-s", q(fixShell(scope, shell, at)));
  if (value("-c") !== undefined) out.push("-g", q(value("-c")!));
  if (value("-k")) out.push("-k", q(value("-k")!));
  // Debian's useradd makes a home only with -m (login.defs has no CREATE_HOME); busybox always does.
  if (!o.has("-m")) out.push("-H");
  out.push(q(name));
  return out;
}
