import { ALPINE_BASE_PRIMARY_GIDS, ALPINE_GROUPS } from "./alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import type { RenumberedGroup } from "./renumbered-group.js";
import type { ScriptScope } from "./scope.js";
import { baseGroupAt } from "./users-base-gone.js";
import { groupWithGid } from "./users-gids.js";

/** GID 65534: Debian's nogroup, Alpine's group nobody, which serves what nogroup did there. */
const NOBODY_GID = 65534;

/**
 * Rule `users`: a group given by number (`chgrp 44`, `chown app:60`, `COPY --chown=0:29`, `USER
 * app:44`) that is the GID of a group Debian's base image has and Alpine's numbers otherwise
 * (video 44 → 27). The number stays the same, so files and processes keep it, but on Alpine it
 * is another group's or none's: members of the group by name get nothing through it. Said once
 * per stage and number; a number the file gives a group of its own is that group's. A Debian base
 * group Alpine's lacks (sudo 27, backup 34) is said where its number is another group there.
 */
export function warnRenumberedGid(
  scope: ScriptScope,
  at: number,
  gid: number,
  renumbered: ReadonlyMap<string, RenumberedGroup>,
  /** Put before the message: how a variable came to this number (gidDefault). */
  prefix = "",
): void {
  const info = scope.stage.info;
  if (!info.alpine || info.already || gid === NOBODY_GID) return;
  const g = [...renumbered.values()].find((r) => r.debian === gid);
  const lacked = g === undefined ? lackedGroupAt(scope, at, gid) : undefined;
  if ((g === undefined && lacked === undefined) || groupWithGid(scope, String(gid)) !== undefined)
    return;
  if (!scope.ctx.firstTime(`renumbered-gid:${info.stage.index}:${gid}`)) return;
  if (g === undefined) {
    const { name, holder } = lacked!;
    scope.warn(
      "users",
      at,
      `${prefix}GID ${gid} is group ${name} in Debian's base image, which Alpine's lacks, and ${gid} is ${holder}'s there: files and processes with GID ${gid} belong to Alpine's ${holder}, not to a group ${name}; if ${name} is meant, make it first under a GID of its own (addgroup -S ${name}) and name it (busybox addgroup -g ${gid} stops: ${holder} has it)`,
    );
    return;
  }
  // Not one a step deleted before (`delgroup wheel && chown 0:10 /x`): the number is free then.
  const holder = baseGroupAt(scope, at, gid);
  const there =
    holder === undefined
      ? `${gid} is no base group's there: files and processes keep GID ${gid} as on Debian, but members of Alpine's ${g.name} get nothing through it`
      : `${gid} is ${holder}'s there: files and processes with GID ${gid} belong to Alpine's ${holder}, and members of ${g.name} get nothing through it`;
  scope.warn(
    "users",
    at,
    `${prefix}GID ${gid} is group ${g.name} in Debian's base image, and Alpine's ${g.name} is GID ${g.alpine}, where ${there}; ${advice(g, holder)}`,
  );
}

/** Name the group where it is meant; renumber it where Alpine lets delgroup take it. */
function advice(g: RenumberedGroup, holder: string | undefined): string {
  const name = `if ${g.name} is meant, name it (${g.name}, GID ${g.alpine} here)`;
  // busybox delgroup refuses a base user's primary group (games is user games's).
  if (holder !== undefined || ALPINE_BASE_PRIMARY_GIDS.has(g.alpine)) return name;
  return `${name} or renumber it first (delgroup ${g.name} && addgroup -g ${g.debian} ${g.name})`;
}

/** Debian's base groups Alpine's base lacks, by GID: sudo 27, backup 34, man 12, … */
let lacked: ReadonlyMap<number, string> | undefined;

/**
 * GID `gid` where Debian's base group of it is one Alpine's lacks and Alpine's base has another
 * group on it (27: Debian's sudo, Alpine's video), at script offset `at`: a `delgroup video`
 * before leaves the number free.
 */
function lackedGroupAt(
  scope: ScriptScope,
  at: number,
  gid: number,
): { name: string; holder: string } | undefined {
  // Computed on first use: the rules' modules import each other, so the tables may load later.
  lacked ??= new Map(
    [...DEBIAN_BASE_GROUPS].filter(([name]) => !ALPINE_GROUPS.has(name)).map(([n, id]) => [id, n]),
  );
  const name = lacked.get(gid);
  const holder = name === undefined ? undefined : baseGroupAt(scope, at, gid);
  return name === undefined || holder === undefined ? undefined : { name, holder };
}
