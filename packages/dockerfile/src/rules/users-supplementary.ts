import type { ScriptScope } from "./scope.js";
import { byName } from "./users-group-names.js";
import { checkGroupExists } from "./users-groups.js";
import { q } from "./users-options.js";

/**
 * `useradd -G a,b`, `usermod -aG a,b` and `gpasswd -a USER a` as busybox steps, one
 * `addgroup USER GROUP` a group: busybox names groups where shadow also takes GIDs, and each
 * group must exist on Alpine (a group Debian's base has is made first, by its own step).
 */
export function joinGroups(
  scope: ScriptScope,
  at: number,
  user: string,
  groups: readonly string[],
  label: string,
): string[] {
  const steps: string[] = [];
  for (const name of groups) {
    const g = byName(scope, at, name, label);
    // A GID turned into the name of the group holding it (27 → video) exists, and keeps its
    // number: the name's warnings (video is 44 on Debian) would speak of another GID.
    const make = g === name ? checkGroupExists(scope, at, g, user) : undefined;
    if (make !== undefined) steps.push(make);
    steps.push(`addgroup ${q(user)} ${q(g)}`);
  }
  return steps;
}
