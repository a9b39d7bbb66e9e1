import { ALPINE_GROUPS } from "./alpine-base.js";
import { imageAccount } from "./image-accounts.js";
import type { ScriptScope } from "./scope.js";
import { sudoAdvice } from "./users-sudo.js";

/** Groups an Alpine package creates when installed (its pre-install script). */
const PACKAGE_GROUPS: Readonly<Record<string, string>> = {
  docker: "docker",
  "docker-engine": "docker",
  nginx: "nginx",
  redis: "redis",
  mariadb: "mysql",
  apache2: "apache",
};

/** Users an Alpine package creates when installed (Debian's packages use www-data or none). */
const PACKAGE_USERS: Readonly<Record<string, string>> = {
  nginx: "nginx",
  redis: "redis",
  mariadb: "mysql",
  apache2: "apache",
};

/** The installed Alpine package of this stage that creates the user or group `name`, if any. */
export function createdByPackage(
  scope: ScriptScope,
  name: string,
  kind: "user" | "group",
): string | undefined {
  const table = kind === "user" ? PACKAGE_USERS : PACKAGE_GROUPS;
  const installed = scope.stage.alpineInstalled;
  return Object.entries(table).find(([pkg, n]) => n === name && installed.has(pkg))?.[0];
}

/**
 * Supplementary groups Debian's base image has but Alpine's does not (sudo, staff, …), for
 * `user` to join.
 */
export function checkGroupExists(
  scope: ScriptScope,
  at: number,
  group: string,
  user?: string,
): void {
  if (!/^[a-z_][\w.-]*$/i.test(group)) return;
  if (ALPINE_GROUPS.has(group) || scope.ctx.createdGroups.has(group)) return;
  // The official image's own account (node's node) is there in its -alpine variant too.
  if (imageAccount(scope.ctx, scope.stage.info.stage, group)) return;
  const installed = scope.stage.alpineInstalled;
  if (Object.entries(PACKAGE_GROUPS).some(([pkg, g]) => g === group && installed.has(pkg))) return;
  if (group === "sudo") {
    scope.warn("users", at, sudoAdvice(scope, user));
    return;
  }
  scope.warn(
    "users",
    at,
    `group ${group} is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it`,
  );
}
