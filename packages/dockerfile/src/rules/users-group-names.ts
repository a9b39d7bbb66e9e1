import type { ScriptScope } from "./scope.js";
import { baseGroupAt } from "./users-base-gone.js";
import { groupWithGid, isExpansion } from "./users-gids.js";
import { warnRenumberedGroup } from "./users-renumbered-groups.js";

/**
 * A `$GID`-like word: a number at build time, which busybox takes nowhere a group name goes. The
 * name is a whole run of word characters, so "holds gid" is asked of it apart: `\w*gid\w*` tried
 * every gid of a long name.
 */
export function gidVariable(word: string): boolean {
  const name = /^"?\$\{?(\w*)(?::-[^}]*)?\}?"?$/.exec(word)?.[1];
  return name?.toLowerCase().includes("gid") === true;
}

/** busybox addgroup USER GROUP takes a name: a GID becomes the group made with it, or is flagged. */
export function byName(scope: ScriptScope, at: number, group: string, label: string): string {
  if (/^\d+$/.test(group) || gidVariable(group)) {
    return groupName(scope, at, group, label) ?? group;
  }
  // Any other variable may hold a name: only a group made with that very GID word is swapped in.
  return isExpansion(group) ? (groupWithGid(scope, group) ?? group) : group;
}

/**
 * busybox adduser -G and addgroup USER GROUP take a group name. A useradd -g GID (a number, or
 * the same `$GID` word a groupadd of this stage or its parents used) becomes that group's name;
 * otherwise it stays, with a warning.
 */
export function groupName(
  scope: ScriptScope,
  at: number,
  group: string | undefined,
  label = "useradd -g",
): string | undefined {
  if (group === undefined) return undefined;
  const numeric = /^\d+$/.test(group);
  if (numeric || isExpansion(group)) {
    const made = groupWithGid(scope, group);
    if (made !== undefined) return made;
  }
  const busybox = /^(?:useradd -g|adduser --gid)$/.test(label)
    ? "busybox adduser -G"
    : "busybox addgroup USER GROUP";
  // `-g $GID`: a number at build time, which busybox adduser -G cannot take.
  if (gidVariable(group)) {
    scope.warn(
      "users",
      at,
      `${label} ${group}: ${busybox} takes a group name, ${group} looks like a GID, and no groupadd/addgroup of this stage (or a stage it is built FROM) uses that GID before it; create the group first (addgroup -g ${group} NAME) and pass its name`,
    );
    return group;
  }
  if (!numeric) return group;
  // OpenShift's `-g 0` and Debian's `users` (100) are groups Alpine's base has too; one a step
  // deleted before (delgroup ping) is not, and then addgroup -g can make the GID anew.
  const base = baseGroupAt(scope, at, Number(group));
  if (base !== undefined) {
    // 27 is Debian's sudo but Alpine's video: the name written is Alpine's, so say so.
    warnRenumberedGroup(scope, at, group);
    return base;
  }
  scope.warn(
    "users",
    at,
    `${label} ${group}: ${busybox} takes a group name and this stage creates no group with GID ${group}, nor has Alpine's base image one; create it first (addgroup -g ${group} NAME) and name it`,
  );
  return group;
}
