import { ALPINE_BASE_GROUPS, ALPINE_BASE_RELEASE } from "@alpinize/busybox";

/**
 * Where the table of Alpine's base accounts comes from: one release's image. The script's target
 * release is not known here (and may differ), so messages say which table they read.
 */
export const BASE_TABLE = `Alpine ${ALPINE_BASE_RELEASE}'s base image, assumed for other releases`;

/**
 * What holds `gid` on Alpine, for a message about a group created with it: the base group that
 * holds it, or that none does there (a package or an earlier step may still add one).
 */
export function gidOnAlpine(gid: string): string {
  const n = /^\d+$/.test(gid) ? Number(gid) : undefined;
  const holder = n === undefined ? undefined : ALPINE_BASE_GROUPS.get(n);
  if (n === undefined) return `${gid} is no number, so which group holds it is not known`;
  return holder === undefined
    ? `no group holds GID ${n} in ${BASE_TABLE}, but a package or an earlier step may add one`
    : `${holder} holds GID ${n} in ${BASE_TABLE}`;
}

/**
 * What alpinize_ensure_group does on Alpine with a GID another group holds, for `group` made
 * with `gid`: certain when a base group holds it, a possibility when none does.
 */
export function reuseOnAlpine(group: string, gid: string): string {
  const base = baseNameOnAlpine(group, gid);
  if (base !== undefined) return base;
  const n = /^\d+$/.test(gid) ? Number(gid) : undefined;
  const holder = n === undefined ? undefined : ALPINE_BASE_GROUPS.get(n);
  const lost = `alpinize_ensure_group reuses it and '${group}' does not exist`;
  if (holder !== undefined) return `on Alpine ${holder} holds GID ${n} (${BASE_TABLE}), so ${lost}`;
  if (n === undefined) return `if another group holds GID ${gid} on Alpine, ${lost}`;
  return `no group holds GID ${n} in ${BASE_TABLE}, but if a package or an earlier step adds one, ${lost}`;
}

/**
 * The name alpinize_ensure_group gives a group whose name another GID holds, as the shim picks
 * it: NAME<GID>, else NAME_<GID> when that is taken too; with both taken it exits 3.
 */
export function shimMadeName(group: string, gid: string | number): string {
  return `'${group}${gid}' ('${group}_${gid}' when a group '${group}${gid}' exists already; with both taken it exits 3 and makes none)`;
}

/**
 * For `group` made with `gid` when Alpine's base image has a group of that name with another GID
 * (`groupadd -g 500 cron`): alpinize_ensure_group makes NAME<GID> (`cron500`, else `cron_500`), or reuses the group
 * that holds the GID, and a later `cron` names Alpine's own group. Undefined for any other name.
 */
export function baseNameOnAlpine(group: string, gid: string): string | undefined {
  const base = [...ALPINE_BASE_GROUPS].find(([, name]) => name === group)?.[0];
  if (base === undefined || gid === String(base)) return undefined;
  const n = /^\d+$/.test(gid) ? Number(gid) : undefined;
  const holder = n === undefined ? undefined : ALPINE_BASE_GROUPS.get(n);
  const shim = "alpinize_ensure_group";
  const made =
    holder !== undefined
      ? `${holder} holds GID ${n} there, so ${shim} reuses ${holder}`
      : n !== undefined
        ? `${shim} makes ${shimMadeName(group, n)} with GID ${n} instead (or reuses a group a package or an earlier step gave GID ${n})`
        : `unless ${gid} is ${base}, ${shim} makes a group named '${group}' and the GID instead (or reuses one that holds it)`;
  return `on Alpine '${group}' is a base group with GID ${base} (${BASE_TABLE}): ${made}, and '${group}' here names GID ${base}, not the group made`;
}
