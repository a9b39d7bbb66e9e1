import type { ScriptScope } from "./scope.js";
import { byName } from "./users-group-names.js";
import { checkGroupExists } from "./users-groups.js";
import { q } from "./users-options.js";

/**
 * `useradd -G a,b`, `usermod -aG a,b` and `gpasswd -a USER a` as busybox steps, one
 * `addgroup USER GROUP` a group: busybox names groups where shadow also takes GIDs, and each
 * group must exist on Alpine.
 */
export function joinGroups(
  scope: ScriptScope,
  at: number,
  user: string,
  groups: readonly string[],
  label: string,
): string[] {
  const named = groups.map((g) => byName(scope, at, g, label));
  for (const g of named) checkGroupExists(scope, at, g, user);
  return named.map((g) => `addgroup ${q(user)} ${q(g)}`);
}
