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
  for (const g of groups.map((name) => byName(scope, at, name, label))) {
    const make = checkGroupExists(scope, at, g, user);
    if (make !== undefined) steps.push(make);
    steps.push(`addgroup ${q(user)} ${q(g)}`);
  }
  return steps;
}
