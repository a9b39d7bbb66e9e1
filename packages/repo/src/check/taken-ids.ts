import { packageMakingAccount } from "@alpinize/dockerfile";
import { type AccountCall, numericId } from "./account-calls.js";
import { recordMade, runInstallScripts } from "./account-ids.js";
import { applyRename, type RenameCall } from "./account-renames.js";
import {
  type AccountOrigin,
  type AccountState,
  type GroupEntry,
  groupWithGid,
  primaryUserOf,
  removeGroup,
  removeUser,
  userWithUid,
} from "./accounts.js";
import { freeGroupStep, freeUserStep, heldId, madeBy, packageIdAdvice } from "./taken-advice.js";

/**
 * Why busybox refuses an account command, in the order it tests: a name in use (`kind: "name"`),
 * an ID in use (`"id"`), a group some user still has as primary group (`"primary"`). `quote` is
 * busybox's own message, without the applet's name.
 */
export interface AccountProblem {
  kind: "name" | "id" | "primary";
  /** What is taken and by whom: "Alpine's base image already has group www-data (GID 82)". */
  reason: string;
  quote: string;
  advice: string;
  /** The ID is taken only as far as alpinize's model of busybox's choice can tell: a warning. */
  probable?: boolean;
}

/** How the command is reached: every time, with `|| …` after it, or only under a condition. */
export type Reach = "plain" | "guarded" | "conditional";

/**
 * Judges one busybox account command against the accounts there when it runs, then moves the
 * state on by what it did. A name in use is not a problem when the call is guarded or conditional:
 * `addgroup -S www-data || true` and `getent group www-data || addgroup …` mean "if missing". A
 * conditional call's accounts are not recorded (it may not run, and any ID busybox picks after it
 * is a guess); a call that fails records none. `packages`: what apk added so far, in order: their
 * install scripts run into the state first.
 */
export function accountStep(
  state: AccountState,
  call: AccountCall,
  line: number,
  reach: Reach,
  packages: ReadonlyMap<string, unknown>,
): AccountProblem | undefined {
  runInstallScripts(state, packages.keys());
  if (state.opaque) return undefined;
  const problem = callProblem(state, call, packages);
  if (problem) return problem.kind === "name" && reach !== "plain" ? undefined : problem;
  if (call.tool === "delgroup") removeGroup(state, call.group);
  else if (call.tool === "deluser") removeUser(state, call.user);
  else if (reach === "conditional")
    state.uncertain ||= call.tool === "addgroup" || call.tool === "adduser";
  else if (call.tool === "usermod" || call.tool === "groupmod") applyRename(state, call, line);
  else recordMade(state, call, { kind: "line", line });
  return undefined;
}

function callProblem(
  state: AccountState,
  call: AccountCall,
  packages: ReadonlyMap<string, unknown>,
): AccountProblem | undefined {
  if (call.tool === "addgroup")
    return (
      groupNameProblem(state, call.group, packages, "addgroup") ??
      gidProblem(state, numericId(call.gid))
    );
  if (call.tool === "adduser") return adduserProblem(state, call, packages);
  if (call.tool === "delgroup") return primaryProblem(state, call.group);
  if (call.tool === "deluser") return undefined;
  return renameProblem(state, call, packages);
}

/** shadow's usermod -l and groupmod -n refuse a new name that is there already. */
function renameProblem(
  state: AccountState,
  call: RenameCall,
  packages: ReadonlyMap<string, unknown>,
): AccountProblem | undefined {
  const kind = call.tool === "usermod" ? "user" : "group";
  const accounts: ReadonlyMap<string, { origin: AccountOrigin }> =
    kind === "user" ? state.users : state.groups;
  const taken = holder(accounts.get(call.to)?.origin, call.to, kind, state, packages);
  if (!taken) return undefined;
  return {
    kind: "name",
    reason: `${kind} ${call.to} is already there ${madeBy(taken)}`,
    quote: `${kind} '${call.to}' already exists`,
    advice: `pick another new name, or use ${kind} ${call.to} as it is`,
  };
}

/** busybox adduser: the user name, the UID, then (no -G, no -S) the group it makes: its GID, its name. */
function adduserProblem(
  state: AccountState,
  call: Extract<AccountCall, { tool: "adduser" }>,
  packages: ReadonlyMap<string, unknown>,
): AccountProblem | undefined {
  const user = call.user;
  const taken = holder(state.users.get(user)?.origin, user, "user", state, packages);
  if (taken) {
    const uid = state.users.get(user)?.uid;
    return {
      kind: "name",
      reason: `user ${user} is already there ${madeBy(taken, uid === undefined ? undefined : `UID ${uid}`)}`,
      quote: `user '${user}' in use`,
      advice: `use that user (drop this adduser; USER ${user} and chown ${user} work as they are), or, if it must change, first ${freeUserStep(state, user)}`,
    };
  }
  const uid = numericId(call.uid);
  const uidHolder = uid === undefined ? undefined : userWithUid(state, uid);
  if (uid !== undefined && uidHolder !== undefined) {
    const entry = state.users.get(uidHolder)!;
    const held = heldId(String(uid), entry);
    return {
      kind: "id",
      reason: `UID ${uid} ${held.belongs} to user ${uidHolder} ${madeBy(entry.origin)}${held.picked}`,
      quote: `uid '${uid}' in use`,
      advice:
        entry.origin.kind === "package"
          ? packageIdAdvice(entry.origin.pkg, "UID")
          : `pick another UID (and chown files to it)${useInstead(entry.origin, `user ${uidHolder}`)}, or first ${freeUserStep(state, uidHolder)}`,
      probable: held.probable,
    };
  }
  if (call.group !== undefined || call.system) return undefined;
  return ownGroupProblem(state, user, uid, packages);
}

/** Without -G (and -S) busybox adduser makes a group named like the user, with GID = UID. */
function ownGroupProblem(
  state: AccountState,
  user: string,
  uid: number | undefined,
  packages: ReadonlyMap<string, unknown>,
): AccountProblem | undefined {
  const gidHolder = uid === undefined ? undefined : groupWithGid(state, uid);
  if (uid !== undefined && gidHolder !== undefined) {
    const entry = state.groups.get(gidHolder)!;
    const held = heldId(String(uid), entry);
    return {
      kind: "id",
      reason: `without -G busybox adduser also makes a group with GID ${uid}, and GID ${uid} ${held.belongs} to group ${gidHolder} ${madeBy(entry.origin)}${held.picked}`,
      quote: `uid '${uid}' in use`,
      advice: ownGroupAdvice(entry, gidHolder, user),
      probable: held.probable,
    };
  }
  const problem = groupNameProblem(state, user, packages, "adduser");
  return (
    problem && {
      ...problem,
      reason: `without -G busybox adduser also makes a group ${user}, and ${problem.reason}`,
    }
  );
}

function groupNameProblem(
  state: AccountState,
  group: string,
  packages: ReadonlyMap<string, unknown>,
  tool: "addgroup" | "adduser",
): AccountProblem | undefined {
  const taken = holder(state.groups.get(group)?.origin, group, "group", state, packages);
  if (!taken) return undefined;
  const gid = state.groups.get(group)?.gid;
  const use =
    tool === "addgroup"
      ? `use that group (drop this addgroup; adduser -G ${group} and addgroup USER ${group} take it as it is)`
      : `put the user in that group (adduser -G ${group} …)`;
  return {
    kind: "name",
    reason: `group ${group} is already there ${madeBy(taken, gid === undefined ? undefined : `GID ${gid}`)}`,
    quote: `group '${group}' in use`,
    advice:
      taken.kind === "package"
        ? use
        : `${use}, or, if its GID must change, first ${freeGroupStep(state, group)}`,
  };
}

function gidProblem(state: AccountState, gid: number | undefined): AccountProblem | undefined {
  const group = gid === undefined ? undefined : groupWithGid(state, gid);
  if (gid === undefined || group === undefined) return undefined;
  const entry = state.groups.get(group)!;
  const held = heldId(String(gid), entry);
  return {
    kind: "id",
    reason: `GID ${gid} ${held.belongs} to group ${group} ${madeBy(entry.origin)}${held.picked}`,
    quote: `gid '${gid}' in use`,
    advice:
      entry.origin.kind === "package"
        ? packageIdAdvice(entry.origin.pkg, "GID")
        : `pick another GID (and chown files to it)${useInstead(entry.origin, `group ${group}`)}, or first ${freeGroupStep(state, group)}`,
    probable: held.probable,
  };
}

/** The way out when the GID busybox adduser wants for the user's own group is taken. */
function ownGroupAdvice(entry: GroupEntry, holder: string, user: string): string {
  if (entry.origin.kind === "package") return packageIdAdvice(entry.origin.pkg, "GID");
  // An addgroup -g of that GID would fail too (the GID is the holder's), so the way out is the
  // holder itself; Alpine's www-data group (82) is the usual case, where the names match.
  if (entry.origin.kind === "base" && holder === user)
    return `pass -G ${holder}: that group is already there with this GID`;
  return `put the user in that group (-G ${holder}), or pick another UID`;
}

/** busybox delgroup refuses a group that is still some user's primary group (users is guest's). */
function primaryProblem(state: AccountState, group: string): AccountProblem | undefined {
  const user = state.groups.has(group) ? primaryUserOf(state, group) : undefined;
  if (user === undefined) return undefined;
  return {
    kind: "primary",
    reason: `${group} is the primary group of user ${user} ${madeBy(state.users.get(user)!.origin)}`,
    quote: `'${user}' still has '${group}' as their primary group!`,
    advice: `${freeUserStep(state, user)} first, or leave ${group} as it is and give your group another name and ID`,
  };
}

/**
 * Where the account `name` comes from when it is there: the state's own, or one an installed
 * package's pre-install script made (nginx's nginx) and no delgroup/deluser took out again.
 */
function holder(
  origin: AccountOrigin | undefined,
  name: string,
  kind: "user" | "group",
  state: AccountState,
  packages: ReadonlyMap<string, unknown>,
): AccountOrigin | undefined {
  if (origin) return origin;
  if ((kind === "user" ? state.removed.users : state.removed.groups).has(name)) return undefined;
  const pkg = packageMakingAccount(name, kind, packages.keys());
  return pkg === undefined ? undefined : { kind: "package", pkg };
}

/** An image's or the file's own account may be what was meant (node's node): not a base one (ping). */
function useInstead(origin: AccountOrigin, account: string): string {
  return origin.kind === "base" ? "" : `, use ${account}`;
}
