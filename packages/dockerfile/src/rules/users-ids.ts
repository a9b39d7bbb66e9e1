import { ALPINE_GIDS, ALPINE_GROUPS, ALPINE_UIDS, ALPINE_USERS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { createdByPackage } from "./users-groups.js";

/**
 * A user or group whose ID or name Alpine's base image (or a package installed earlier in the
 * stage) already has: busybox refuses to create it again, so the step is flagged.
 */
export function checkIds(
  scope: ScriptScope,
  at: number,
  uid: string | undefined,
  gid: string | undefined,
  name: string | undefined,
  kind: "user" | "group",
): void {
  if (uid !== undefined && ALPINE_UIDS.has(Number(uid))) {
    scope.warn("users", at, `UID ${uid} is already taken on Alpine (base users); pick another`);
  }
  if (gid !== undefined && /^\d+$/.test(gid) && ALPINE_GIDS.has(Number(gid)) && kind === "group") {
    scope.warn("users", at, `GID ${gid} is already taken on Alpine (base groups); pick another`);
  }
  const names = kind === "user" ? ALPINE_USERS : ALPINE_GROUPS;
  if (name !== undefined && names.has(name)) {
    scope.warn("users", at, `${kind} ${name} already exists on Alpine; creating it again fails`);
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
