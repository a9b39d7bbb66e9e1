import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "@alpinize/busybox";
import { BB_ADDGROUP, BB_ADDUSER, GROUPADD, USERADD } from "../rewrite/commands.js";
import { type ParsedOptions, parseOptions } from "../shell/options.js";
import { literal, type Word } from "../shell/scan.js";
import type { IdClash } from "./alpine-ids.js";
import { BASE_TABLE, shimMadeName } from "./gid-holder.js";

type Kind = "user" | "group";

/** An account name Alpine's base image has, and the ID asked for it (a literal one, if any). */
interface Asked {
  kind: Kind;
  name: string;
  word: Word;
  base: number;
  id: string | undefined;
}

/**
 * A user or group made under a name Alpine's base image already has (`useradd -u 500 ntp`,
 * `adduser --system ntp`, `groupadd -g 500 cron`): on Debian the name is free, on Alpine the
 * tool or the shim written for it stops on it, or makes another name. The same base tables as
 * the Dockerfile rules (`@alpinize/busybox`), so both sides name the same account and ID.
 */
export function baseNameClashes(name: string, args: Word[]): IdClash[] {
  const found = TOOLS[name]?.(args);
  return found ? [found] : [];
}

const TOOLS: Record<string, (args: Word[]) => IdClash | undefined> = {
  // The shim calls the rewrite writes, so a rerun on its output says it again.
  alpinize_ensure_user: (args) => {
    const a = shimAsked("user", args);
    if (!a || a.id === String(a.base)) return undefined;
    return clash(a, "error", shimExits3(a, "alpinize_ensure_user"));
  },
  alpinize_ensure_group: (args) => {
    const a = shimAsked("group", args);
    // A GID another base group holds: shim-ids.ts says the shim reuses that group.
    if (!a || a.id === String(a.base) || ALPINE_BASE_GROUPS.has(Number(a.id))) return undefined;
    if (args.slice(2).some((w) => literal(w.text) === "--strict"))
      return clash(a, "error", `with --strict alpinize_ensure_group fails there (exit 3)`);
    return madeInstead(a, "alpinize_ensure_group");
  },
  useradd: (args) => {
    const o = parseOptions(args, USERADD);
    const a = asked("user", o.positionals.length === 1 ? o.positionals[0] : undefined, o, "u");
    if (!a) return undefined;
    // Left as is, useradd stops on the name whatever the UID, Alpine's own included.
    const kept = o.unknown.length > 0 || o.flags.has("m") || o.flags.has("o") || o.values.has("p");
    if (kept || !["u", "g", "d", "s"].every((k) => o.values.has(k)))
      return clash(a, "error", `useradd fails there (user '${a.name}' already exists)`);
    // Rewritten, alpinize_ensure_user finds the account when it has that UID.
    if (a.id === String(a.base)) return undefined;
    return clash(
      a,
      "error",
      shimExits3(a, "alpinize_ensure_user, which alpinize entrypoint writes for it,"),
    );
  },
  adduser: (args) => {
    const o = parseOptions(args, BB_ADDUSER);
    const a = asked("user", createdName(o), o, "u");
    if (!a) return undefined;
    // The rewrite's case: one name, -u, -G, -h and -s, nothing unknown.
    if (
      o.unknown.length > 0 ||
      o.positionals.length !== 1 ||
      !["u", "G", "h", "s"].every((k) => o.values.has(k))
    )
      return clash(a, "error", `busybox adduser stops on it (user '${a.name}' in use)`);
    if (a.id === String(a.base)) return undefined;
    return clash(
      a,
      "error",
      shimExits3(a, "alpinize_ensure_user, which alpinize entrypoint writes for it,"),
    );
  },
  groupadd: (args) => {
    const o = parseOptions(args, GROUPADD);
    const a = asked("group", o.positionals.length === 1 ? o.positionals[0] : undefined, o, "g");
    return a ? groupaddClash(a, o) : undefined;
  },
  addgroup: (args) => {
    const o = parseOptions(args, BB_ADDGROUP);
    // addgroup USER GROUP adds a member; one name creates a group.
    const a = asked("group", o.positionals.length === 1 ? o.positionals[0] : undefined, o, "g");
    if (!a) return undefined;
    // With -g and nothing unknown the rewrite writes alpinize_ensure_group for it.
    if (a.id === undefined || o.unknown.length > 0)
      return clash(a, "error", `busybox addgroup stops on it (group '${a.name}' in use)`);
    return ensureGroupClash(a, { ...a, id: a.id });
  },
};

/**
 * `adduser NAME` and `adduser [opts] NAME` create NAME; `adduser USER GROUP` adds a member. A
 * Debian option busybox's table lacks (`--system`, `--gid N`) may leave its value among the
 * positionals, so then the last one is the name.
 */
function createdName(o: ParsedOptions): Word | undefined {
  if (o.positionals.length === 1) return o.positionals[0];
  return o.unknown.length > 0 ? o.positionals.at(-1) : undefined;
}

function asked(
  kind: Kind,
  word: Word | undefined,
  o: ParsedOptions,
  idOption: string,
): Asked | undefined {
  const name = word ? literal(word.text) : undefined;
  if (!word || !name) return undefined;
  const base = baseId(kind, name);
  if (base === undefined) return undefined;
  const id = o.values.get(idOption);
  const literalId = id ? literal(id.text) : undefined;
  return { kind, name, word, base, id: id ? (literalId ?? id.text) : undefined };
}

/** `alpinize_ensure_user NAME UID …`, `alpinize_ensure_group NAME GID …` with a literal ID. */
function shimAsked(kind: Kind, args: Word[]): (Asked & { id: string }) | undefined {
  const [word, idWord] = args;
  const name = word ? literal(word.text) : undefined;
  const id = idWord ? literal(idWord.text) : undefined;
  const base = name === undefined ? undefined : baseId(kind, name);
  if (!word || !name || base === undefined || !id || !/^\d+$/.test(id)) return undefined;
  return { kind, name, word, base, id };
}

function baseId(kind: Kind, name: string): number | undefined {
  for (const [id, n] of kind === "user" ? ALPINE_BASE_USERS : ALPINE_BASE_GROUPS)
    if (n === name) return id;
  return undefined;
}

/**
 * groupadd of a base group's name with another GID: the rewrite's alpinize_ensure_group makes
 * NAME<GID> (its documented way out, README), so the container goes on but `cron` keeps Alpine's
 * GID. Left as is (-o, no -g), groupadd fails on the name even with Alpine's own GID, unless -f
 * (shadow's groupadd, run on Alpine's /etc in base-names-chroot.test.ts).
 */
function groupaddClash(a: Asked, o: ParsedOptions): IdClash | undefined {
  // What the rewrite leaves as is (group-commands.ts): no -g, -o, -p or an option it lacks.
  const id = a.id;
  const kept = id === undefined || o.flags.has("o") || o.values.has("p") || o.unknown.length > 0;
  if (kept && o.flags.has("f")) {
    // shadow's -f exits 0 on a name that is there, whatever GID was asked.
    if (a.id === String(a.base)) return undefined;
    return clash(a, "warning", `groupadd -f keeps Alpine's ${a.name} there and makes nothing`);
  }
  // Left as is, groupadd stops on the name whatever the GID, Alpine's own included.
  if (kept) return clash(a, "error", `groupadd fails there (group '${a.name}' already exists)`);
  // Rewritten, alpinize_ensure_group finds the group when it has that GID.
  if (a.id === String(a.base)) return undefined;
  // A GID another base group holds: alpine-ids.ts says the shim reuses that group.
  if (ALPINE_BASE_GROUPS.has(Number(id))) return undefined;
  return madeInstead(
    { ...a, id },
    "alpinize_ensure_group, which alpinize entrypoint writes for it,",
  );
}

/** What the shim written for groupadd/addgroup -g GID NAME does with a base group's NAME. */
function ensureGroupClash(a: Asked, withId: Asked & { id: string }): IdClash | undefined {
  // Alpine's own GID: the shim finds the group. A GID another base group holds: alpine-ids.ts
  // says the shim reuses that group.
  if (withId.id === String(a.base) || ALPINE_BASE_GROUPS.has(Number(withId.id))) return undefined;
  return madeInstead(withId, "alpinize_ensure_group, which alpinize entrypoint writes for it,");
}

function shimExits3(a: Asked, shim: string): string {
  return `${shim} exits 3 there (user '${a.name}' exists with UID ${a.base}, not ${a.id})`;
}

function madeInstead(a: Asked & { id: string }, shim: string): IdClash {
  const made = /^\d+$/.test(a.id)
    ? shimMadeName(a.name, a.id)
    : `NAME<GID> ('${a.name}' and the GID)`;
  return clash(
    a,
    "warning",
    `${shim} creates ${made} with GID ${a.id} instead and prints that name (what it does when a name has another GID), so a later use of '${a.name}' finds Alpine's GID ${a.base}`,
    `, or capture the name the shim makes: g=$(alpinize_ensure_group ${a.name} ${a.id}) and use "$g"`,
  );
}

/**
 * Words after the dockerfile rules' (users-ids.ts warnBaseName): Alpine's account and ID, the ID
 * asked for, what fails, and the choice between Alpine's account and a name of one's own.
 */
function clash(a: Asked, severity: IdClash["severity"], what: string, more = ""): IdClash {
  const label = a.kind === "user" ? "UID" : "GID";
  const other = a.id !== undefined && a.id !== String(a.base);
  const askedFor = other ? `; this line asks for ${label} ${a.id}` : "";
  const moved = other
    ? ` (${label} ${a.base}: what expects ${label} ${a.id} must then name ${a.name} or ${a.base})`
    : "";
  return {
    offset: a.word.start,
    severity,
    message: `${a.kind} ${a.name} already exists in Alpine's base image (${label} ${a.base}${askedFor}; ${BASE_TABLE}): ${what}`,
    fix: `drop this step and use Alpine's ${a.name}${moved}, or give the ${a.kind} a name Alpine's base lacks${more}`,
  };
}
