import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { addgroupCall } from "./addgroup-call.js";
import { ADDUSER_VALUES, checkKept, fixKeptShell, mustConvert, NO_HOME } from "./adduser-kept.js";
import { ALPINE_GROUPS, ALPINE_USERS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { adduserAsks } from "./users-base-accounts.js";
import { freeOwnGroupGid, removeBaseHolder, systemOwnGroupStep } from "./users-base-holder.js";
import { keepsBaseAccount } from "./users-base-names.js";
import { groupWithGid, madeInChain, recordGroup } from "./users-gids.js";
import { groupName } from "./users-group-names.js";
import { primaryGroupStep } from "./users-groups.js";
import { homeParentStep } from "./users-home.js";
import { checkIds } from "./users-ids.js";
import { fixShell } from "./users-login-shell.js";
import { optionValue, type Parsed, parseOptions, q } from "./users-options.js";
import { ownGroupFirst } from "./users-own-group.js";
import { warnUnnamedNogroup } from "./users-renumbered-groups.js";
import { sshUnlock } from "./users-ssh.js";

/** Debian's adduser options busybox adduser does not accept. */
const DEBIAN_ONLY =
  /^--(?:group|gid|quiet|disabled-login|comment|firstuid|lastuid|firstgid|lastgid|conf|add[-_]extra[-_]groups|force-badname|allow-bad-names|debug)\b|^-q$/;

/**
 * Rule 5, Debian's own adduser/addgroup: its long options differ from busybox's, and without
 * `--disabled-password` busybox would prompt for one. Busybox-style calls are left alone, unless
 * busybox would stop on the user's own group (see ownGroupHolder) or on the password prompt.
 */
export function debianAdduser(
  scope: ScriptScope,
  cmd: SimpleCommand,
  words: Word[],
): string | undefined {
  const raw = words.map((w) => w.value ?? w.raw);
  const debianOnly = raw.some((v) => DEBIAN_ONLY.test(v));
  const nologin = raw.includes("/usr/sbin/nologin");
  if (cmd.name === "addgroup") {
    if (debianOnly) return addgroup(scope, cmd, words);
    return checkKept(scope, cmd, words) ? "" : undefined;
  }
  const p = parseOptions(words, ADDUSER_VALUES, {});
  const convert = p && mustConvert(scope, p);
  if (!debianOnly && !nologin && !convert) {
    if (checkKept(scope, cmd, words)) return "";
    fixKeptShell(scope, cmd, words);
    return undefined;
  }
  if (!p || p.operands.length === 0 || p.operands.length > 2) return undefined;
  if (p.operands.length === 2 && p.options.size === 0)
    return `adduser ${p.operands.map(q).join(" ")}`;
  const o = p.options;
  const name = p.operands[0]!;
  const system = o.has("--system") || o.has("-S");
  const uid = optionValue(o, "--uid", "-u");
  // `adduser --system ntp`: Alpine's ntp is there already; dropped, as `useradd -r ntp` is,
  // unless the line asks for a group, home or shell Alpine's ntp lacks.
  const asks = adduserAsks(o, name);
  if (keepsBaseAccount(scope, cmd.start, "user", name, uid, asks)) return "";
  checkIds(scope, cmd.start, uid, undefined, name, "user", asks);
  if ([...o.keys()].some((k) => /^--add[-_]extra[-_]groups$/.test(k))) {
    scope.warn(
      "users",
      cmd.start,
      `adduser --add_extra_groups: Debian's adduser also adds ${name} to the EXTRA_GROUPS of /etc/adduser.conf (users on Debian 12 and later; dialout, cdrom, floppy, audio, video, plugdev and users on older releases and Ubuntu), which busybox adduser has no option for: dropped; join them with addgroup ${name} GROUP (Alpine has all but plugdev)`,
    );
  }
  const { group, first } = primaryGroup(scope, cmd.start, name, o);
  const out = first === undefined ? [] : [`${first} &&`];
  const home = optionValue(o, "--home", "-h") ?? (debianSystem(o) ? SYSTEM_HOME : undefined);
  // Debian's adduser never makes a home under /nonexistent, given or its system-user default.
  const created = !o.has("--no-create-home") && !o.has("-H") && !NO_HOME.test(home ?? "");
  out.push("adduser");
  if (system) out.push("-S");
  out.push("-D");
  if (uid) out.push("-u", uid);
  if (group) out.push("-G", q(group));
  if (home) out.push("-h", q(home));
  const shell =
    optionValue(o, "--shell", "-s") ??
    (o.has("--disabled-login") || debianSystem(o) ? "/usr/sbin/nologin" : undefined);
  if (shell) out.push("-s", q(fixShell(scope, shell, cmd.start)));
  const gecos = optionValue(o, "--gecos", "--comment", "-g");
  if (gecos !== undefined) out.push("-g", q(gecos));
  const skel = optionValue(o, "--skel", "-k");
  if (skel) out.push("-k", q(skel));
  if (!created) out.push("-H");
  out.push(q(name));
  return (
    (created ? homeParentStep(home) : "") +
    out.join(" ") +
    sshUnlock(scope, cmd.start, { name, shell, system, password: false })
  );
}

/** Debian's adduser (3.134) gives a system user with no --home this one, and makes no home. */
const SYSTEM_HOME = "/nonexistent";

/**
 * `adduser --system` as Debian's adduser reads it: without --home and --shell the user gets
 * /nonexistent (not made) and /usr/sbin/nologin, where busybox -S gives /home/NAME (made) and
 * /bin/false. Busybox's own `-S` keeps busybox's defaults.
 */
function debianSystem(o: Parsed["options"]): boolean {
  return o.has("--system");
}

/** The group busybox adduser -G gets, and the addgroup step that must make it first, if any. */
function primaryGroup(
  scope: ScriptScope,
  at: number,
  name: string,
  o: Parsed["options"],
): { group: string | undefined; first?: string } {
  const system = o.has("--system") || o.has("-S");
  const group = optionValue(o, "--ingroup", "-G");
  const gid = optionValue(o, "--gid");
  // Debian's adduser --system --group takes the group of the user's name where it exists
  // (addgroup --system NAME before it): a second addgroup would stop busybox (group in use).
  if (o.has("--group") && madeInChain(scope, name)) return { group: name };
  if (o.has("--group") && ALPINE_GROUPS.has(name)) {
    // Alpine's base has the group already (www-data, ping, …): busybox addgroup would fail. Not
    // said where the user is Alpine's too: the line stops on the user, as its warning says.
    if (!ALPINE_USERS.has(name))
      scope.warn(
        "users",
        at,
        `group ${name} already exists in Alpine's base image: the user joins it instead of a new group of that name`,
      );
    return { group: name };
  }
  if (o.has("--group")) return { group: name, first: sameNamedGroup(scope, at, name, o) };
  if (gid && !group) return { group: gidGroup(scope, at, gid) };
  const make = primaryGroupStep(scope, at, group, name);
  if (make !== undefined) return { group, first: make };
  if (group !== undefined) return { group };
  if (system) {
    // Debian's adduser --system NAME puts the user in nogroup; busybox -S too, under its own GID.
    if (o.has("--system") && !ALPINE_USERS.has(name)) warnUnnamedNogroup(scope, at, name);
    return { group };
  }
  // Debian's adduser gives a user its own group, as busybox does: later steps may add others to it.
  recordGroup(scope, name, undefined);
  const uid = optionValue(o, "--uid", "-u");
  // Debian's adduser gives the group GID = UID (groupadd -g UID), as useradd does.
  const freed = freeOwnGroupGid(scope, at, name, uid);
  if (freed) {
    recordGroup(scope, name, uid);
    return { group: name, first: freed + addgroupCall(name, uid, false) };
  }
  if (!ownGroupFirst(scope, at, "adduser --uid", name, uid)) return { group };
  return { group: name, first: addgroupCall(name, undefined, false) };
}

/**
 * `adduser [--system] --group NAME`: the addgroup step for the group of the user's name. Debian's
 * adduser (3.134, bookworm) makes it with --gid when given, else, for a system user with --uid N,
 * with GID N (groupadd -g N); where Alpine's base group holds that GID and may go, it goes first.
 */
function sameNamedGroup(
  scope: ScriptScope,
  at: number,
  name: string,
  o: Parsed["options"],
): string {
  const system = o.has("--system") || o.has("-S");
  const given = optionValue(o, "--gid") || undefined;
  if (given !== undefined) {
    const freed = removeBaseHolder(scope, at, given, name, `${name} keeps GID ${given}`);
    checkIds(scope, at, undefined, freed ? undefined : given, undefined, "group");
    recordGroup(scope, name, given);
    return freed + addgroupCall(name, given, system);
  }
  if (!system) {
    recordGroup(scope, name, undefined);
    return addgroupCall(name, undefined, false);
  }
  const uid = optionValue(o, "--uid", "-u");
  return systemOwnGroupStep(scope, at, "adduser --system --uid", name, uid);
}

/** `adduser --gid N`: the name of the group made with GID N, which busybox -G takes. */
function gidGroup(scope: ScriptScope, at: number, gid: string): string {
  // A number: the group made with it, else Alpine's base group of that GID (root 0, users 100).
  if (/^\d+$/.test(gid)) return groupName(scope, at, gid, "adduser --gid") ?? gid;
  const group = groupWithGid(scope, gid);
  if (group !== undefined) return group;
  scope.warn(
    "users",
    at,
    `adduser --gid ${gid}: busybox adduser -G takes a group name, and no group of this stage (or a stage it is built FROM) has GID ${gid} before it; create it first (addgroup -g ${gid} NAME) and pass its name`,
  );
  return gid;
}

function addgroup(scope: ScriptScope, cmd: SimpleCommand, words: Word[]): string | undefined {
  const p = parseOptions(words, new Set(["--gid", "-g"]), {});
  if (p?.operands.length !== 1) return undefined;
  const name = p.operands[0]!;
  const gid = optionValue(p.options, "--gid", "-g");
  if (keepsBaseAccount(scope, cmd.start, "group", name, gid)) return "";
  // The same removal as groupadd -g: Debian's addgroup runs groupadd -g with the GID.
  const freed =
    gid === undefined
      ? ""
      : removeBaseHolder(scope, cmd.start, gid, name, `${name} keeps GID ${gid}`);
  checkIds(scope, cmd.start, undefined, freed ? undefined : gid, name, "group");
  recordGroup(scope, name, gid);
  return freed + addgroupCall(name, gid, p.options.has("--system") || p.options.has("-S"));
}
