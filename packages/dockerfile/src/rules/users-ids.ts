import { ALPINE_BASE_USERS, ALPINE_GROUPS, ALPINE_USERS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { baseUserLacks, keptGroupNote, type UserAsks } from "./users-base-accounts.js";
import { baseHolder } from "./users-base-holder.js";
import { baseId } from "./users-base-names.js";
import { freeId } from "./users-free-id.js";
import { gidDefault } from "./users-gid-default.js";
import { groupWithGid } from "./users-gids.js";
import { createdByPackage } from "./users-groups.js";
import { noteAccount, warnPackageId } from "./users-package-ids.js";

/**
 * A user or group whose ID or name Alpine's base image (or a package installed earlier in the
 * stage) already has: busybox refuses to create it again, so the step is flagged. A user is noted
 * in the stage's account log (a group is, by recordGroup).
 */
export function checkIds(
  scope: ScriptScope,
  at: number,
  uid: string | undefined,
  gid: string | undefined,
  name: string | undefined,
  kind: "user" | "group",
  asks: UserAsks = {},
): void {
  if (uid !== undefined) checkUid(scope, at, uid, kind === "user" ? name : undefined);
  if (gid !== undefined && kind === "group") checkGid(scope, at, gid, name);
  // An ID a package installed before took (nginx's group: busybox's first free system GID).
  warnPackageId(scope, at, "user", uid, "adduser -u", undefined, name);
  if (kind === "group") warnPackageId(scope, at, "group", gid, "addgroup -g", undefined, name);
  if (kind === "user" && name !== undefined) noteAccount(scope, { kind, name, id: uid });
  const names = kind === "user" ? ALPINE_USERS : ALPINE_GROUPS;
  if (name !== undefined && names.has(name)) {
    const lacks = kind === "user" ? baseUserLacks(name, asks) : [];
    const note = kind === "user" ? keptGroupNote(name, asks) : "";
    warnBaseName(scope, at, kind, name, kind === "user" ? uid : gid, lacks, note);
    return;
  }
  const pkg = name === undefined ? undefined : createdByPackage(scope, name, kind);
  if (pkg) {
    scope.warn(
      "users",
      at,
      `${kind} ${name} is created by Alpine's ${pkg} package, installed earlier in this stage (Debian's is not): creating it again fails; drop this step`,
    );
  }
}

/**
 * A UID Alpine's base user holds. When that user is the very account the line makes
 * (`useradd -u 65534 nobody`), the UID is the account's own: the base-name warning says it all,
 * and "pick a free UID" would contradict its "use Alpine's nobody".
 */
function checkUid(scope: ScriptScope, at: number, uid: string, name: string | undefined): void {
  const user = /^\d+$/.test(uid) ? ALPINE_BASE_USERS.get(Number(uid)) : undefined;
  if (user === undefined || user === name) return;
  const free = freeId("uid", Number(uid), scope.ctx.text);
  scope.warn(
    "users",
    at,
    `UID ${uid} belongs to Alpine's base user ${user}: busybox adduser -u ${uid} stops there (uid '${uid}' in use); ${pickFree("UID", free, name !== undefined && ALPINE_USERS.has(name))}`,
  );
}

/**
 * "pick a free UID": where the name is a base account's too (`useradd -u 123 cron`), a free ID
 * alone still stops on the name, which the base-name warning says; the advice joins the two.
 */
function pickFree(label: "UID" | "GID", free: number | undefined, baseName: boolean): string {
  // undefined: the file names every candidate (users-free-id.ts), so only the range is left.
  const which = free === undefined ? "from 1000 to 59999" : `such as ${free}`;
  if (!baseName) return `pick a free ${label}, ${which}`;
  return `the name is Alpine's too (see the warning on it): with a name Alpine's base lacks, pick a free ${label} as well, ${which}`;
}

/** A GID Alpine's base group has (not removed before): says whose, why it stays, what is free. */
function checkGid(scope: ScriptScope, at: number, word: string, name: string | undefined): void {
  // `ARG GID=999` … `groupadd -g $GID`: warned for its default, never rewritten (a build arg may
  // give another), and not where a group of the file was made with the same word.
  const given = /^\d+$/.test(word) || groupWithGid(scope, word) !== undefined;
  const d = given ? undefined : gidDefault(scope, word);
  const gid = d?.gid ?? word;
  const holder = baseHolder(scope, at, gid, name ?? "");
  if (holder === undefined) return;
  const free = freeId("gid", Number(gid), scope.ctx.text);
  const info = scope.stage.info;
  const converted = info.alpine && !info.already;
  const pick = pickFree("GID", free, false);
  // A converted stage where the holder could go, by a step alpinize does not write itself.
  // Neither a free GID nor delgroup alone does where the name is a base group's too.
  const advice =
    name !== undefined && ALPINE_GROUPS.has(name)
      ? `; ${pickFree("GID", free, true)}`
      : !converted
        ? `: ${pick}`
        : holder.keep
          ? `; ${holder.name} stays, as ${holder.keep}: ${pick}`
          : `; nothing here uses ${holder.name}, so run delgroup ${holder.name} first, or ${pick}`;
  scope.warn(
    "users",
    at,
    `${d?.prefix ?? ""}GID ${gid} belongs to Alpine's base group ${holder.name}, and busybox addgroup -g ${gid} stops there (gid '${gid}' in use)${advice}`,
  );
}

/**
 * A name Alpine's base image has, made here with another ID than Alpine's (or in a stage whose
 * creations alpinize does not drop), or asking for a group, home or shell Alpine's account lacks:
 * busybox stops on the name whatever the rest, and has no usermod to change the account, so the
 * user must choose between Alpine's account as it is and a name of their own.
 */
function warnBaseName(
  scope: ScriptScope,
  at: number,
  kind: "user" | "group",
  name: string,
  id: string | undefined,
  lacks: string[],
  note = "",
): void {
  const base = baseId(kind, name);
  const label = kind === "user" ? "UID" : "GID";
  const other = id !== undefined && id !== String(base);
  const wants = [...(other ? [`${label} ${id}`] : []), ...lacks];
  const asked = wants.length > 0 ? `; this line asks for ${wants.join(", ")}` : "";
  const moved = other
    ? ` (${label} ${base}: what expects ${label} ${id} must then name ${name} or ${base})`
    : lacks.length > 0
      ? " as Alpine has it (busybox has no usermod to change it)"
      : "";
  scope.warn(
    "users",
    at,
    `${kind} ${name} already exists in Alpine's base image (${label} ${base}${asked}): busybox ${kind === "user" ? "adduser" : "addgroup"} stops on it (${kind} '${name}' in use); drop this step and use Alpine's ${name}${moved}, or give the ${kind} a name Alpine's base lacks${note}`,
  );
}
