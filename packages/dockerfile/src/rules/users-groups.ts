import { quoted } from "@alpinize/errors";
import { ALPINE_GROUPS } from "./alpine-base.js";
import { imageAccount } from "./image-accounts.js";
import { packageMakingAccount, packageMayMakeGroup } from "./package-accounts-made.js";
import type { ScriptScope } from "./scope.js";
import { makeDebianGroup } from "./users-debian-groups.js";
import { madeInChain } from "./users-gids.js";
import { groupStepHere } from "./users-group-line.js";
import { warnRenumberedGroup } from "./users-renumbered-groups.js";
import { wheelAdvice } from "./users-sudo.js";

/**
 * The installed Alpine package of this stage that creates the user or group `name`, if any: the
 * table of pre-install scripts only, since callers tell the build to drop a step on it.
 */
export function createdByPackage(
  scope: ScriptScope,
  name: string,
  kind: "user" | "group",
): string | undefined {
  return packageMakingAccount(name, kind, scope.stage.alpineInstalled);
}

/**
 * A group `user` joins must exist on Alpine. One Debian's base image has and nothing of this
 * stage chain makes gets made first: the `addgroup -S` step to run before the join, if any (none
 * when it went on a line of its own before a loop).
 * Any other unknown group (a typo, a package not installed) is flagged.
 */
export function checkGroupExists(
  scope: ScriptScope,
  at: number,
  group: string,
  user?: string,
): string | undefined {
  warnRenumberedGroup(scope, at, group);
  if (groupExists(scope, group)) return undefined;
  const make = makeDebianGroup(scope, at, group, user);
  if (make !== undefined) return groupStepHere(scope, at, make);
  const advice = group === "sudo" ? `; for sudo rights, ${wheelAdvice(user)}` : "";
  scope.warn(
    "users",
    at,
    `group ${quoted(group)} is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it${advice}`,
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
  if (group !== undefined) warnRenumberedGroup(scope, at, group);
  if (group === undefined || groupExists(scope, group)) return undefined;
  const make = makeDebianGroup(scope, at, group, user);
  return make === undefined ? undefined : groupStepHere(scope, at, make);
}

/** The group is there when the line runs, or is not a plain name alpinize could check. */
export function groupExists(scope: ScriptScope, group: string): boolean {
  if (!/^[a-z_][\w.-]*$/i.test(group)) return true;
  if (ALPINE_GROUPS.has(group) || madeInChain(scope, group)) return true;
  // The official image's own account (node's node) is there in its -alpine variant too.
  if (imageAccount(scope.ctx, scope.stage.info.stage, group)) return true;
  // A package installed here may make it (varnish's varnish): taken as there, as alpinize check does.
  return packageMayMakeGroup(group, scope.stage.alpineInstalled) !== undefined;
}
