import { ALPINE_BASE_GROUPS } from "./alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import { optionValue, type Parsed } from "./users-options.js";

/**
 * What Alpine's base /etc/passwd gives each of its users (alpine-baselayout 3.23): primary group,
 * home and login shell. A Debian line making one of these accounts is dropped only when it asks
 * for nothing else (keepsBaseAccount).
 */
interface BaseUser {
  readonly group: string;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

const user = (group: string, gid: number, home: string, shell = "/sbin/nologin"): BaseUser => ({
  group,
  gid,
  home,
  shell,
});

export const ALPINE_BASE_USER_ENTRIES: ReadonlyMap<string, BaseUser> = new Map([
  ["root", user("root", 0, "/root", "/bin/sh")],
  ["bin", user("bin", 1, "/bin")],
  ["daemon", user("daemon", 2, "/sbin")],
  ["lp", user("lp", 7, "/var/spool/lpd")],
  ["sync", user("root", 0, "/sbin", "/bin/sync")],
  ["shutdown", user("root", 0, "/sbin", "/sbin/shutdown")],
  ["halt", user("root", 0, "/sbin", "/sbin/halt")],
  ["mail", user("mail", 12, "/var/mail")],
  ["news", user("news", 13, "/usr/lib/news")],
  ["uucp", user("uucp", 14, "/var/spool/uucppublic")],
  ["cron", user("cron", 16, "/var/spool/cron")],
  ["ftp", user("ftp", 21, "/var/lib/ftp")],
  ["sshd", user("sshd", 22, "/dev/null")],
  ["games", user("games", 35, "/usr/games")],
  ["ntp", user("ntp", 123, "/var/empty")],
  ["guest", user("users", 100, "/dev/null")],
  ["nobody", user("nobody", 65534, "/")],
]);

/**
 * The primary group of each user of Debian's base image (base-passwd's passwd.master, bookworm):
 * Debian's `adduser --system NAME` keeps such a user as it is.
 */
const DEBIAN_BASE_USER_GROUPS: ReadonlyMap<string, string> = new Map([
  ...["root", "daemon", "bin", "sys", "games", "man", "lp", "mail", "news", "uucp", "proxy"].map(
    (n): [string, string] => [n, n],
  ),
  ...["www-data", "backup", "list", "irc"].map((n): [string, string] => [n, n]),
  ["sync", "nogroup"],
  ["_apt", "nogroup"],
  ["nobody", "nogroup"],
]);

/** Homes Alpine's base image has as folders: a `-m` of another one would have to make it. */
const HOMES_ON_DISK: ReadonlySet<string> = new Set(["/", "/root", "/bin", "/sbin", "/var/empty"]);

/** Shells that refuse a login as Alpine's /sbin/nologin does. */
const NO_LOGIN: ReadonlySet<string> = new Set([
  "/sbin/nologin",
  "/usr/sbin/nologin",
  "/bin/false",
  "/usr/bin/false",
]);

/** What a line creating a user asks of it beyond the name and UID. */
export interface UserAsks {
  /** The primary group, by name or GID. */
  readonly group?: string | undefined;
  readonly home?: string | undefined;
  /** The line makes the home folder (useradd -m, adduser without --no-create-home). */
  readonly makeHome?: boolean | undefined;
  readonly shell?: string | undefined;
  /**
   * The primary group Debian gives where the line names none (`adduser --system`: nogroup). Alpine's
   * account keeps its own; the difference is said, not refused, as the line asked for nothing.
   */
  readonly unaskedGroup?: string | undefined;
}

const strip = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);

/**
 * What `asks` wants that Alpine's base user `name` lacks, each as "X (Alpine's: Y)"; empty when
 * the account as Alpine has it serves the line.
 */
export function baseUserLacks(name: string, asks: UserAsks): string[] {
  const base = ALPINE_BASE_USER_ENTRIES.get(name);
  if (base === undefined) return [];
  const out: string[] = [];
  const { group, home, shell } = asks;
  if (group !== undefined && group !== base.group && group !== String(base.gid))
    out.push(`primary group ${group} (Alpine's: ${base.group}, GID ${base.gid})`);
  if (home !== undefined && strip(home) !== base.home)
    out.push(`home ${home} (Alpine's: ${base.home})`);
  else if (asks.makeHome && !HOMES_ON_DISK.has(base.home))
    out.push(`home ${base.home} made (Alpine's base has no such folder)`);
  if (
    shell !== undefined &&
    shell !== base.shell &&
    !(NO_LOGIN.has(shell) && NO_LOGIN.has(base.shell))
  )
    out.push(`shell ${shell} (Alpine's: ${base.shell})`);
  return out;
}

/**
 * What a Debian adduser call asks of user `name`: --ingroup/-G, --gid, --group, --home/-h,
 * --shell/-s, and without --system the home and shell Debian gives a login user.
 */
export function adduserAsks(o: Parsed["options"], name: string): UserAsks {
  // Debian's adduser makes a login user's /home/NAME with bash (adduser.conf's DHOME, DSHELL)
  // unless told otherwise; a --system user gets neither.
  const login = !o.has("--system") && !o.has("-S");
  const home = optionValue(o, "--home", "-h") ?? (login ? `/home/${name}` : undefined);
  return {
    group:
      optionValue(o, "--ingroup", "-G") ??
      optionValue(o, "--gid") ??
      (o.has("--group") ? name : undefined),
    home,
    makeHome: home !== undefined && !o.has("--no-create-home") && !o.has("-H"),
    shell: optionValue(o, "--shell", "-s") ?? (login ? "/bin/bash" : undefined),
    unaskedGroup: o.has("--system") ? systemGroup(o, name) : undefined,
  };
}

/**
 * The primary group Debian's `adduser --system NAME` gives where no option names one: nogroup
 * for a new user (adduser.conf), the base image's own for a user it has (adduser leaves it).
 */
function systemGroup(o: Parsed["options"], name: string): string | undefined {
  if (["--ingroup", "-G", "--gid", "--group"].some((k) => o.has(k))) return undefined;
  return DEBIAN_BASE_USER_GROUPS.get(name) ?? "nogroup";
}

/**
 * For a base user whose creation is dropped: the primary group Debian would have given it, when
 * Alpine's differs (`adduser --system ntp`: nogroup there, ntp here), as "" or "; …" to end the
 * note with. Files chowned to that group, or a process relying on its GID, see another here.
 */
export function unaskedGroupNote(name: string, asks: UserAsks): string {
  const base = ALPINE_BASE_USER_ENTRIES.get(name);
  const debian = asks.unaskedGroup;
  if (base === undefined || debian === undefined || debian === base.group) return "";
  const gid = DEBIAN_BASE_GROUPS.get(debian);
  const gave = DEBIAN_BASE_USER_GROUPS.has(name)
    ? `Debian's base image gives its ${name}`
    : `Debian's adduser --system gives it`;
  const was = gid === undefined ? debian : `${debian} (GID ${gid} on Debian)`;
  const relies =
    gid !== undefined && gid !== base.gid
      ? `, and what relies on its GID being ${gid} differs`
      : "";
  return `; its primary group is Alpine's ${base.group} (GID ${base.gid}), not ${was} as ${gave}: files the user makes get group ${base.group}${relies}; if that matters, give the user a name Alpine's base lacks`;
}

/**
 * For a base user whose creation is kept (it asks for a home, shell or UID of its own): the primary
 * group it would have had on Debian where the line names none, when Alpine's account has another,
 * as "" or "; …". Either way out the warning gives changes it: Alpine's account keeps its own
 * group, and busybox `adduser -S` under a new name gives nogroup, whose GID is Alpine's (65533),
 * not Debian's (65534); checked with Debian's adduser and the musl busybox.
 */
export function keptGroupNote(name: string, asks: UserAsks): string {
  const base = ALPINE_BASE_USER_ENTRIES.get(name);
  const debian = asks.unaskedGroup;
  if (base === undefined || debian === undefined || debian === base.group) return "";
  const gid = DEBIAN_BASE_GROUPS.get(debian);
  const was = gid === undefined ? debian : `${debian} (GID ${gid} on Debian)`;
  const gave = DEBIAN_BASE_USER_GROUPS.has(name)
    ? `Debian's base image gives its ${name}`
    : "Debian's adduser --system gives it";
  const nogroup = [...ALPINE_BASE_GROUPS].find(([, n]) => n === "nogroup")?.[0];
  return `; its primary group differs too: ${gave} ${was}, Alpine's ${name} has ${base.group} (GID ${base.gid}), and under a name Alpine's base lacks busybox adduser -S gives it nogroup, GID ${nogroup} on Alpine, so files the user makes get another GID than on Debian`;
}

/** What a useradd call asks of user `name`: -g, -N (Debian's users), -d, -m (home /home/NAME), -s. */
export function useraddAsks(o: Parsed["options"], name: string): UserAsks {
  const makeHome = o.has("-m");
  return {
    group: optionValue(o, "-g") ?? (o.has("-N") ? "users" : undefined),
    home: optionValue(o, "-d") ?? (makeHome ? `/home/${name}` : undefined),
    makeHome,
    shell: optionValue(o, "-s"),
  };
}
