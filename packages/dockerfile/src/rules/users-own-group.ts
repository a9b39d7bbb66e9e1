import type { ScriptScope } from "./scope.js";
import { gidHolder } from "./users-gids.js";
import { warnPackageId } from "./users-package-ids.js";

/**
 * The group that already has GID `uid`, when busybox adduser would make `name`'s own group with
 * that GID and stop ("uid 'N' in use"): shadow's useradd and Debian's adduser give the user's
 * group another GID, or GID N where Debian's base leaves it free (Alpine's ping has 999).
 */
export function ownGroupHolder(
  scope: ScriptScope,
  name: string,
  uid: string | undefined,
  at?: number,
): string | undefined {
  const holder = uid === undefined ? undefined : gidHolder(scope, uid, at);
  // A group of the user's very name fails the same on Debian (useradd asks for -g).
  return holder === name ? undefined : holder;
}

/**
 * Whether `name`'s own group must be made before busybox adduser (see ownGroupHolder); says why
 * when it must. `option` is the UID option as the call spelled it (`useradd -u`).
 */
export function ownGroupFirst(
  scope: ScriptScope,
  at: number,
  option: string,
  name: string,
  uid: string | undefined,
  tail = "",
): boolean {
  const holder = ownGroupHolder(scope, name, uid, at);
  if (holder === undefined) {
    // An installed package's group on that GID stops busybox the same way: said, not changed.
    warnPackageId(scope, at, "group", uid, "adduser -u", name);
    return false;
  }
  scope.warn(
    "users",
    at,
    `${option} ${uid}: GID ${uid} belongs to group ${holder} on Alpine, and busybox adduser would give ${name}'s own group GID ${uid} and stop (uid '${uid}' in use): the group is made first (addgroup ${name}) and gets the next free GID${tail}`,
  );
  return true;
}
