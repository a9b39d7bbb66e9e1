import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "@alpinize/busybox";
import { literal, type Word } from "../shell/scan.js";
import { baseGroupGid, FREE_IDS, type IdClash } from "./alpine-ids.js";
import { BASE_TABLE } from "./gid-holder.js";

/**
 * IDs Alpine's base image holds, given to the shim calls the rewrite writes in place of
 * groupadd/useradd. The shims handle the clash without failing (or with --strict, by failing),
 * so a rerun on rewritten output must still say what happens there: the user asked for a group
 * called NAME and, on Alpine, gets another one.
 */
export function shimIdClashes(name: string, args: Word[]): IdClash[] {
  if (name === "alpinize_ensure_group") return ensureGroupClashes(args);
  if (name === "alpinize_ensure_user") return ensureUserClashes(args);
  return [];
}

/** `alpinize_ensure_group NAME GID [--strict] [--allow-root-gid]` */
function ensureGroupClashes(args: Word[]): IdClash[] {
  const group = literal(args[0]?.text ?? "");
  const id = heldId(args[1], ALPINE_BASE_GROUPS);
  if (!id || id.holder === group) return [];
  const named = group ? `'${group}'` : "the group";
  const base = `GID ${id.n} is held by Alpine's base group ${id.holder} (${BASE_TABLE})`;
  const strict = args.slice(2).some((a) => literal(a.text) === "--strict");
  if (strict)
    return [
      {
        offset: id.word.start,
        severity: "error",
        message: `${base}: with --strict alpinize_ensure_group fails there (exit 4), so ${named} is not created`,
        fix: `pick a GID Alpine's base does not hold (${FREE_IDS})`,
      },
    ];
  // nogroup 65534: Alpine's base has the name too, under its own GID, which a later use finds.
  const own = baseGroupGid(group);
  const later =
    own === undefined
      ? "a later use of its name finds no group"
      : `a later use of its name finds Alpine's ${group}, GID ${own}`;
  return [
    {
      offset: id.word.start,
      severity: "warning",
      message: `${base}: alpinize_ensure_group reuses ${id.holder} there and prints '${id.holder}', so ${named} is not created and ${later}`,
      fix: `pick a GID Alpine's base does not hold (${FREE_IDS}), or refer to the group by its GID, or capture the name: g=$(alpinize_ensure_group ${args[0]?.text ?? "NAME"} ${id.n}) and use "$g"`,
    },
  ];
}

/** `alpinize_ensure_user NAME UID GROUP HOME SHELL` */
function ensureUserClashes(args: Word[]): IdClash[] {
  const user = literal(args[0]?.text ?? "");
  const who = user ? `'${user}'` : "the user";
  const clashes: IdClash[] = [];
  const uid = heldId(args[1], ALPINE_BASE_USERS);
  // The base user itself (guest 405): the shim finds it there and changes nothing.
  if (uid && uid.holder === user) return [];
  if (uid)
    clashes.push({
      offset: uid.word.start,
      severity: "error",
      message: `UID ${uid.n} is held by Alpine's base user ${uid.holder} (${BASE_TABLE}): alpinize_ensure_user refuses a taken UID (exit 4), so creating ${who} fails there`,
      fix: `pick a UID Alpine's base does not hold (${FREE_IDS})`,
    });
  const gid = heldId(args[2], ALPINE_BASE_GROUPS);
  // www-data 82 82: the primary group is the base group named like the user, as asked.
  if (gid && gid.holder !== user)
    clashes.push({
      offset: gid.word.start,
      severity: "warning",
      message: `GID ${gid.n} is held by Alpine's base group ${gid.holder} (${BASE_TABLE}): on Alpine ${who} gets ${gid.holder} as its primary group, not a group of its own`,
      fix: `create the user's group with a GID Alpine's base does not hold (${FREE_IDS}) and pass that`,
    });
  return clashes;
}

function heldId(
  word: Word | undefined,
  held: ReadonlyMap<number, string>,
): { word: Word; n: number; holder: string } | undefined {
  const value = word ? literal(word.text) : undefined;
  if (!word || !value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  const holder = held.get(n);
  return holder === undefined ? undefined : { word, n, holder };
}
