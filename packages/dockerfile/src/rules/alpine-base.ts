import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "@alpinize/busybox";

/**
 * Alpine's base accounts are @alpinize/busybox's tables (the entrypoint lint reads the same ones);
 * the rules import them from here.
 */
export {
  ALPINE_BASE_GROUPS,
  ALPINE_BASE_PRIMARY_GIDS,
  ALPINE_BASE_RELEASE,
  ALPINE_BASE_USERS,
} from "@alpinize/busybox";

/** The same tables as sets, for the rules' membership tests. */
export const ALPINE_GIDS: ReadonlySet<number> = new Set(ALPINE_BASE_GROUPS.keys());
export const ALPINE_UIDS: ReadonlySet<number> = new Set(ALPINE_BASE_USERS.keys());
export const ALPINE_GROUPS: ReadonlySet<string> = new Set(ALPINE_BASE_GROUPS.values());
export const ALPINE_USERS: ReadonlySet<string> = new Set(ALPINE_BASE_USERS.values());
