import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "@alpinize/busybox";
import { BB_ADDGROUP, BB_ADDUSER, GROUPADD, USERADD } from "../rewrite/commands.js";
import { type OptionSpec, type ParsedOptions, parseOptions } from "../shell/options.js";
import { literal, type Word } from "../shell/scan.js";
import { BASE_TABLE } from "./gid-holder.js";

export interface IdClash {
  offset: number;
  severity: "error" | "warning";
  message: string;
  fix: string;
}

/** Which option of a tool gives an ID, and what a taken one does on Alpine. */
interface IdOption {
  short: string;
  kind: "UID" | "GID";
  /** The call creates an account with this ID (else the ID names an existing group). */
  creates: boolean;
}

const TOOLS: Record<string, { spec: OptionSpec; ids: IdOption[] }> = {
  useradd: {
    spec: USERADD,
    ids: [
      { short: "u", kind: "UID", creates: true },
      { short: "g", kind: "GID", creates: false },
    ],
  },
  adduser: { spec: BB_ADDUSER, ids: [{ short: "u", kind: "UID", creates: true }] },
  groupadd: { spec: GROUPADD, ids: [{ short: "g", kind: "GID", creates: true }] },
  addgroup: { spec: BB_ADDGROUP, ids: [{ short: "g", kind: "GID", creates: true }] },
};

const BASE_USER_NAMES: ReadonlySet<string> = new Set(ALPINE_BASE_USERS.values());
const BASE_GROUP_GIDS: ReadonlyMap<string, number> = new Map(
  [...ALPINE_BASE_GROUPS].map(([gid, group]) => [group, gid]),
);

/** The GID Alpine's base group `name` has (nogroup: 65533), if the name is a base group's. */
export function baseGroupGid(name: string | undefined): number | undefined {
  return name === undefined ? undefined : BASE_GROUP_GIDS.get(name);
}

// Debian gives system accounts 100-999 and people 1000-60000; Alpine's base holds none of the latter.
export const FREE_IDS = "1000 to 60000 are free on both Debian and Alpine";

/**
 * Numeric IDs a user or group tool is given that Alpine's base image already holds. On Debian
 * they are usually free (999 is the usual pick for a system account), so the script works there
 * and fails, or quietly uses Alpine's group (ping holds 999), on Alpine.
 */
export function alpineIdClashes(name: string, args: Word[]): IdClash[] {
  const tool = TOOLS[name];
  if (!tool) return [];
  const o = parseOptions(args, tool.spec);
  const account = accountName(o);
  const clashes: IdClash[] = [];
  for (const id of tool.ids) {
    const word = o.values.get(id.short);
    if (!word || !/^\d+$/.test(word.value)) continue;
    const n = Number(word.value);
    const holder = (id.kind === "UID" ? ALPINE_BASE_USERS : ALPINE_BASE_GROUPS).get(n);
    if (holder === undefined || madeAlready(holder, account)) continue;
    clashes.push({ offset: word.start, ...describe(name, id, n, holder, account, o.flags) });
  }
  const own = name === "adduser" && clashes.length === 0 ? ownGroupClash(o, account) : undefined;
  return own ? [...clashes, own] : clashes;
}

/**
 * busybox `adduser -u N` without -G also makes a group named like the user with GID N, and fails
 * with "uid 'N' in use" when Alpine's base holds GID N, though UID N is free (999: ping). A system
 * user (-S) without -G goes into nogroup instead (test/busybox-adduser-chroot.test.ts). Alpine's
 * base has no www-data user, only the group: `adduser -D -u 82 www-data` fails the same way, and
 * with -G www-data it works (test/alpine-id-holder.test.ts).
 */
function ownGroupClash(o: ParsedOptions, account: string | undefined): IdClash | undefined {
  const word = o.values.get("u");
  if (!word || !/^\d+$/.test(word.value) || o.values.has("G") || o.flags.has("S")) return undefined;
  // A user Alpine's base has (`adduser -D -u 123 ntp`): busybox stops on the name before the
  // group, -G or not; base-names.ts says so, and "add -G ntp" would contradict it.
  if (account !== undefined && BASE_USER_NAMES.has(account)) return undefined;
  const holder = ALPINE_BASE_GROUPS.get(Number(word.value));
  if (holder === undefined) return undefined;
  const uid = word.value;
  const fails = `it fails with "uid '${uid}' in use"`;
  if (holder === account)
    return {
      offset: word.start,
      severity: "error",
      message: `UID ${uid} is free on Alpine, but busybox adduser without -G also makes a group '${holder}' with GID ${uid}, and Alpine's base has that group already (${BASE_TABLE}): ${fails} and creates no user`,
      fix: `add -G ${holder} to put the user in the base group (GID ${uid}); addgroup ${holder} fails there, the name is taken`,
    };
  const who = account === undefined ? "the user" : `'${account}'`;
  return {
    offset: word.start,
    severity: "error",
    message: `UID ${uid} is free on Alpine, but busybox adduser without -G also makes ${who} a group with GID ${uid}, which Alpine's base group ${holder} holds (${BASE_TABLE}): ${fails}`,
    fix: `make the group first with a free GID (addgroup -g GID NAME; ${FREE_IDS}) and pass -G NAME, or pick another UID`,
  };
}

/**
 * `groupadd -g 82 www-data`: Alpine's base group of that GID has that name, so the group asked for
 * is there already. The rewrite's `alpinize_ensure_group www-data 82` finds it, prints its name and
 * changes nothing (test/alpine-id-holder.test.ts runs it in the busybox root), as shimIdClashes
 * reads that call on a rerun: nothing to warn about. So for `useradd -g 82 www-data`: the user's
 * primary group is the one named like it, as on a system where the script made that group.
 */
function madeAlready(holder: string, account: string | undefined): boolean {
  // UID 123 for ntp too: the shim finds Alpine's ntp; base-names.ts says busybox adduser stops.
  return holder === account;
}

function accountName(o: ParsedOptions): string | undefined {
  const first = o.positionals[0];
  return first === undefined ? undefined : literal(first.text);
}

function describe(
  tool: string,
  id: IdOption,
  n: number,
  holder: string,
  account: string | undefined,
  flags: ReadonlySet<string>,
): Omit<IdClash, "offset"> {
  const base = `${id.kind} ${n} is held by Alpine's base ${id.kind === "UID" ? "user" : "group"} ${holder} (${BASE_TABLE})`;
  const who = account === undefined ? "the account" : `'${account}'`;
  if (id.kind === "UID")
    return {
      severity: "error",
      message: `${base}: ${tool} and alpinize_ensure_user refuse a taken UID, so creating ${who} fails there`,
      fix: `pick a UID Alpine's base does not hold (${FREE_IDS})`,
    };
  if (!id.creates)
    return {
      severity: "warning",
      message: `${base}: on Alpine ${who} gets ${holder} as its primary group, not a group of its own`,
      fix: `create the user's group with a GID Alpine's base does not hold (${FREE_IDS}) and pass that`,
    };
  const own = baseGroupGid(account);
  if (account !== undefined && own !== undefined)
    return { severity: "warning", ...baseNamed(tool, n, holder, account, own, flags) };
  return {
    severity: "warning",
    message: `${base}: ${madeWith(tool, n, holder, who, flags)}`,
    fix: `pick a GID Alpine's base does not hold (${FREE_IDS}), or refer to the group by its GID afterwards`,
  };
}

/**
 * `groupadd -g 65534 nogroup`: the GID is another base group's and the name a base group's too,
 * under its own GID (Debian's nogroup is 65534, Alpine's 65533). The shim reuses the holder and
 * leaves Alpine's group as it is, so the group the script means is there, only under another
 * GID; a free GID alone would not help (the shim then makes 'nogroup<GID>', base-names.ts).
 */
function baseNamed(
  tool: string,
  n: number,
  holder: string,
  account: string,
  own: number,
  flags: ReadonlySet<string>,
): Pick<IdClash, "message" | "fix"> {
  const base = `GID ${n} is held by Alpine's base group ${holder} (${BASE_TABLE})`;
  const there = `Alpine's base has '${account}' already, with GID ${own}`;
  // Left as is by the rewrite, groupadd -o stops on the name before it looks at the GID.
  const what =
    tool === "groupadd" && flags.has("o")
      ? `with -o groupadd would share GID ${n} with ${holder}, but it stops on the name first: ${there}`
      : `alpinize_ensure_group, which alpinize entrypoint writes for it, reuses ${holder} and prints '${holder}', so no '${account}' with GID ${n} is made: ${there}`;
  return {
    message: `${base}: ${what}`,
    fix: `drop this step and use Alpine's ${account} (GID ${own}: what expects GID ${n} must then name ${account} or ${own}), or give the group a name Alpine's base lacks and a GID it does not hold (${FREE_IDS})`,
  };
}

/**
 * What groupadd/addgroup -g N does on Alpine when base group `holder` has N. groupadd -o (left
 * as is by the rewrite) shares N; groupadd -f picks another GID, and the rewrite's shim reuses
 * the holder; plain groupadd and addgroup refuse N.
 */
function madeWith(
  tool: string,
  n: number,
  holder: string,
  who: string,
  flags: ReadonlySet<string>,
): string {
  const reuse = `alpinize_ensure_group reuses ${holder}, so ${who} is not created`;
  if (tool === "groupadd" && flags.has("o"))
    return `with -o groupadd (from shadow; busybox addgroup has no -o) creates ${who} sharing GID ${n} with ${holder}, so GID ${n} is looked up as ${holder} and files of ${who} show as ${holder}`;
  if (tool === "groupadd" && flags.has("f"))
    return `with -f groupadd would give ${who} another GID than ${n}; alpinize_ensure_group, which alpinize entrypoint writes for it, reuses ${holder}, so ${who} is not created`;
  return `${tool} refuses a GID a group holds, and ${reuse}`;
}
