import { ALPINE_BASE_GROUPS, ALPINE_BASE_PRIMARY_GIDS } from "./alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import type { RenumberedGroup } from "./renumbered-group.js";
import type { ScriptScope } from "./scope.js";
import { baseGroupAt } from "./users-base-gone.js";
import { gidDefault, isGidVariable } from "./users-gid-default.js";
import { groupWithGid } from "./users-gids.js";
import { warnRenumberedGid } from "./users-renumbered-gids.js";

let renumbered: ReadonlyMap<string, RenumberedGroup> | undefined;

/**
 * The groups Debian's base image (base-passwd) and Alpine's (alpine-baselayout) both have, under
 * different GIDs: video 44 → 27, audio 29 → 18, nogroup 65534 → 65533, … Computed from the two
 * tables (which tests hold to the images' own /etc/group) on first use: the rules' modules import
 * each other, so the tables may not be there yet when this one loads.
 */
export function renumberedGroups(): ReadonlyMap<string, RenumberedGroup> {
  renumbered ??= new Map(
    [...ALPINE_BASE_GROUPS].flatMap(([alpine, name]) => {
      const debian = DEBIAN_BASE_GROUPS.get(name);
      return debian === undefined || debian === alpine ? [] : [[name, { name, debian, alpine }]];
    }),
  );
  return renumbered;
}

/**
 * Groups whose members reach device nodes, with examples: a node the host passes in (`--device
 * /dev/dri`) keeps the host's GID, Debian's number on a Debian host.
 */
const DEVICE_GROUPS: ReadonlyMap<string, string> = new Map([
  ["video", "/dev/dri, /dev/video0"],
  ["audio", "/dev/snd"],
  ["cdrom", "/dev/sr0"],
  ["floppy", "/dev/fd0"],
  ["kmem", "/dev/mem"],
]);

/**
 * Rule `users`: a step names a group (a join, a primary group, an owner, `USER x:GROUP`) that
 * Alpine's base image has under another GID than Debian's (by number: warnRenumberedGid). Nothing fails, but what holds Debian's
 * number (device nodes from the host, files in a volume) is no longer the group's: said once per
 * stage and group. `user`: the user named with it (`chown www-data:www-data`).
 */
export function warnRenumberedGroup(
  scope: ScriptScope,
  at: number,
  group: string,
  user?: string,
): void {
  if (/^\d+$/.test(group)) {
    warnRenumberedGid(scope, at, Number(group), renumberedGroups());
    return;
  }
  if (isGidVariable(group)) {
    // `ARG GID=44` … `chgrp $GID`: the default, unless a group of the file was made with the word.
    const d = groupWithGid(scope, group) === undefined ? gidDefault(scope, group) : undefined;
    if (d !== undefined) warnRenumberedGid(scope, at, Number(d.gid), renumberedGroups(), d.prefix);
    return;
  }
  const g = renumberedGroups().get(group);
  const info = scope.stage.info;
  // Only a stage that leaves Debian changes numbers; the www-data user's warning (UID 33 → 82,
  // chown what volumes keep) covers `www-data:www-data`.
  if (g === undefined || !info.alpine || info.already || (group === "www-data" && user === group))
    return;
  if (!scope.ctx.firstTime(`renumbered-group:${info.stage.index}:${group}`)) return;
  scope.warn(
    "users",
    at,
    `group ${group} is GID ${g.debian} in Debian's base image and ${g.alpine} in Alpine's: ${consequence(g)}; ${advice(g, baseGroupAt(scope, at, g.debian))}`,
  );
}

function consequence(g: RenumberedGroup): string {
  const devices = DEVICE_GROUPS.get(g.name);
  if (devices !== undefined)
    return `device nodes the host passes in (--device ${devices}) keep the host's GID (${g.debian} on a Debian host), so membership in ${g.name} no longer grants access to them, nor to files a volume keeps with GID ${g.debian}`;
  return `files a volume or the host keeps with GID ${g.debian} are not ${g.name}'s here`;
}

/** `holder`: Alpine's base group on Debian's number where the step runs (none once deleted). */
function advice(g: RenumberedGroup, holder: string | undefined): string {
  // nobody:nobody is 65534:65534 on Alpine, what nobody:nogroup is on Debian.
  if (g.name === "nogroup")
    return "for Debian's 65534, use group nobody (nobody:nobody is 65534:65534 on Alpine), or chown those files to 65533";
  const other = DEVICE_GROUPS.has(g.name)
    ? `add GID ${g.debian} at run time (docker run --group-add ${g.debian})`
    : `chown those files to ${g.alpine}`;
  // busybox delgroup refuses a base user's primary group (games is user games's).
  const primary = ALPINE_BASE_PRIMARY_GIDS.get(g.alpine);
  if (holder !== undefined) return `GID ${g.debian} is ${holder}'s on Alpine: ${other}`;
  if (primary !== undefined)
    return `${g.name} is the primary group of Alpine's user ${primary} and keeps ${g.alpine}: ${other}`;
  return `to keep Debian's number, renumber it first (delgroup ${g.name} && addgroup -g ${g.debian} ${g.name}) or ${other}`;
}

/**
 * Rule `users`: Debian's `adduser --system NAME` (no group asked for) and busybox `adduser -S`
 * both give the user nogroup, but Debian's nogroup is 65534 and Alpine's 65533 (where 65534 is
 * group nobody): checked with the musl busybox on Alpine's /etc/group. Said once per stage, as
 * for a named nogroup (warnRenumberedGroup), whose warning it stands for.
 */
export function warnUnnamedNogroup(scope: ScriptScope, at: number, user: string): void {
  const g = renumberedGroups().get("nogroup");
  const info = scope.stage.info;
  if (g === undefined || !info.alpine || info.already) return;
  if (!scope.ctx.firstTime(`renumbered-group:${info.stage.index}:nogroup`)) return;
  const nobody = ALPINE_BASE_GROUPS.get(g.debian);
  const there = nobody === undefined ? "" : ` (${g.debian} is group ${nobody} there)`;
  const advice =
    nobody === undefined
      ? `chown those files to ${g.alpine}`
      : `if Debian's number matters, give ${user} group ${nobody} (adduser -S -G ${nobody} …), GID ${g.debian} on Alpine`;
  scope.warn(
    "users",
    at,
    `adduser --system ${user}: Debian's adduser and busybox adduser -S both give ${user} the primary group nogroup, but nogroup is GID ${g.debian} in Debian's base image and ${g.alpine} in Alpine's${there}: files ${user} makes get GID ${g.alpine}, and files a volume or the host keeps with GID ${g.debian} are not its group's here; ${advice}`,
  );
}
