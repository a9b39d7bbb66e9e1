import { ALPINE_GROUPS } from "./alpine-base.js";
import { imageAccount } from "./image-accounts.js";
import type { ScriptScope } from "./scope.js";
import { makeDebianGroup } from "./users-debian-groups.js";
import { madeInChain } from "./users-gids.js";
import { wheelAdvice } from "./users-sudo.js";

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
 * A group `user` joins must exist on Alpine. One Debian's base image has and nothing of this
 * stage chain makes gets made first: the `addgroup -S` step to run before the join, if any.
 * Any other unknown group (a typo, a package not installed) is flagged.
 */
export function checkGroupExists(
  scope: ScriptScope,
  at: number,
  group: string,
  user?: string,
): string | undefined {
  if (exists(scope, group)) return undefined;
  const make = makeDebianGroup(scope, at, group, user);
  if (make !== undefined) return make;
  const advice = group === "sudo" ? `; for sudo rights, ${wheelAdvice(user)}` : "";
  scope.warn(
    "users",
    at,
    `group ${group} is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it${advice}`,
  );
  return undefined;
}

/**
 * The `addgroup -S` step a primary group (`useradd -g staff`, `adduser --ingroup staff`) needs
 * first when Debian's base has it and nothing here makes it: busybox adduser -G stops on it too.
 */
export function primaryGroupStep(
  scope: ScriptScope,
  at: number,
  group: string | undefined,
  user: string,
): string | undefined {
  if (group === undefined || exists(scope, group)) return undefined;
  return makeDebianGroup(scope, at, group, user);
}

/** The group is there when the line runs, or is not a plain name alpinize could check. */
function exists(scope: ScriptScope, group: string): boolean {
  if (!/^[a-z_][\w.-]*$/i.test(group)) return true;
  if (ALPINE_GROUPS.has(group) || madeInChain(scope, group)) return true;
  // The official image's own account (node's node) is there in its -alpine variant too.
  if (imageAccount(scope.ctx, scope.stage.info.stage, group)) return true;
  return createdByPackage(scope, group, "group") !== undefined;
}
