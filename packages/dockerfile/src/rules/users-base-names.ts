import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import {
  ALPINE_BASE_USER_ENTRIES,
  baseUserLacks,
  type UserAsks,
  unaskedGroupNote,
} from "./users-base-accounts.js";
import { warnRenumberedGroup } from "./users-renumbered-groups.js";

/** The ID Alpine's base image gives account `name`, if it has one of that name. */
export function baseId(kind: "user" | "group", name: string): number | undefined {
  const table = kind === "user" ? ALPINE_BASE_USERS : ALPINE_BASE_GROUPS;
  for (const [id, n] of table) if (n === name) return id;
  return undefined;
}

/**
 * `groupadd -r ntp`, `useradd -r ntp`: an account Alpine's base image already has, made with no
 * ID or with the one Alpine gives it, and (a user) no group, home or shell Alpine's lacks. busybox
 * would stop on it ("in use"); the account is there, so the step goes, with a note. True when the
 * caller drops the creation; a line asking for more is kept, for checkIds to warn at.
 */
export function keepsBaseAccount(
  scope: ScriptScope,
  at: number,
  kind: "user" | "group",
  name: string,
  id: string | undefined,
  asks: UserAsks = {},
): boolean {
  const info = scope.stage.info;
  if (!info.alpine || info.already) return false;
  const base = baseId(kind, name);
  if (base === undefined || (id !== undefined && id !== String(base))) return false;
  if (kind === "user" && baseUserLacks(name, asks).length > 0) return false;
  scope.warn(
    "users",
    at,
    `${kind} ${name} already exists in Alpine's base image (${kind === "user" ? "UID" : "GID"} ${base}): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs${kind === "user" ? `, home and shell${unaskedGroupNote(name, asks)}` : ""}`,
  );
  // The group kept is Alpine's, under its own GID: games is 35 there, 60 on Debian.
  // A group made with Alpine's own GID (groupadd -g 82 www-data) asked for Alpine's number.
  const group = kind === "group" ? (id === undefined ? name : undefined) : keptOwnGroup(name, asks);
  if (group !== undefined) warnRenumberedGroup(scope, at, group);
  return true;
}

/** The primary group a dropped user keeps, where Debian gave it the group of that name too. */
function keptOwnGroup(name: string, asks: UserAsks): string | undefined {
  const base = ALPINE_BASE_USER_ENTRIES.get(name);
  const debian = asks.unaskedGroup;
  // adduser --system ntp: nogroup on Debian, which unaskedGroupNote speaks of.
  return debian === undefined || debian === base?.group ? base?.group : undefined;
}
