import { ALPINE_BASE_GROUPS, ALPINE_BASE_PRIMARY_GIDS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { groupWithGid } from "./users-gids.js";
import type { RenumberedGroup } from "./users-renumbered-groups.js";

/** GID 65534: Debian's nogroup, Alpine's group nobody, which serves what nogroup did there. */
const NOBODY_GID = 65534;

/**
 * Rule `users`: a group given by number (`chgrp 44`, `chown app:60`, `COPY --chown=0:29`, `USER
 * app:44`) that is the GID of a group Debian's base image has and Alpine's numbers otherwise
 * (video 44 → 27). The number stays the same, so files and processes keep it, but on Alpine it
 * is another group's or none's: members of the group by name get nothing through it. Said once
 * per stage and number; a number the file gives a group of its own is that group's.
 */
export function warnRenumberedGid(
  scope: ScriptScope,
  at: number,
  gid: number,
  renumbered: ReadonlyMap<string, RenumberedGroup>,
): void {
  const info = scope.stage.info;
  if (!info.alpine || info.already || gid === NOBODY_GID) return;
  const g = [...renumbered.values()].find((r) => r.debian === gid);
  if (g === undefined || groupWithGid(scope, String(gid)) !== undefined) return;
  if (!scope.ctx.firstTime(`renumbered-gid:${info.stage.index}:${gid}`)) return;
  const holder = ALPINE_BASE_GROUPS.get(gid);
  const there =
    holder === undefined
      ? `${gid} is no base group's there: files and processes keep GID ${gid} as on Debian, but members of Alpine's ${g.name} get nothing through it`
      : `${gid} is ${holder}'s there: files and processes with GID ${gid} belong to Alpine's ${holder}, and members of ${g.name} get nothing through it`;
  scope.warn(
    "users",
    at,
    `GID ${gid} is group ${g.name} in Debian's base image, and Alpine's ${g.name} is GID ${g.alpine}, where ${there}; ${advice(g, holder)}`,
  );
}

/** Name the group where it is meant; renumber it where Alpine lets delgroup take it. */
function advice(g: RenumberedGroup, holder: string | undefined): string {
  const name = `if ${g.name} is meant, name it (${g.name}, GID ${g.alpine} here)`;
  // busybox delgroup refuses a base user's primary group (games is user games's).
  if (holder !== undefined || ALPINE_BASE_PRIMARY_GIDS.has(g.alpine)) return name;
  return `${name} or renumber it first (delgroup ${g.name} && addgroup -g ${g.debian} ${g.name})`;
}
