import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { debianAdduser, keptNewUser } from "./adduser.js";
import {
  ALPINE_BASE_GROUPS,
  ALPINE_GIDS,
  ALPINE_GROUPS,
  ALPINE_UIDS,
  ALPINE_USERS,
} from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { groupWithGid, isExpansion, recordGroup } from "./users-gids.js";
import { checkGroupExists, createdByPackage } from "./users-groups.js";
import { alpineShellPath } from "./users-shells.js";
import { sshUnlock } from "./users-ssh.js";

export const USER_TOOLS = new Set([
  "groupadd",
  "useradd",
  "usermod",
  "gpasswd",
  "adduser",
  "addgroup",
]);

interface Parsed {
  options: Map<string, string | true>;
  operands: string[];
}

/** Reads `-x value`, `-xvalue`, `--long value`, `--long=value` and bundled flags like `-aG`. */
export function parseOptions(
  words: Word[],
  withValue: Set<string>,
  aliases: Record<string, string>,
): Parsed | undefined {
  const options = new Map<string, string | true>();
  const operands: string[] = [];
  const text = (w: Word | undefined) => {
    if (w === undefined) return undefined;
    if (w.value !== undefined) return w.value;
    // A word with expansions ("$HOME_DIR") is kept exactly as written.
    RAW.add(w.raw);
    return w.raw;
  };
  for (let k = 0; k < words.length; k++) {
    const v = text(words[k]);
    if (v === undefined) return undefined;
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = aliases[eq === -1 ? v : v.slice(0, eq)] ?? v;
      if (eq !== -1) options.set(name, v.slice(eq + 1));
      else if (withValue.has(name)) {
        const next = text(words[++k]);
        if (next === undefined) return undefined;
        options.set(name, next);
      } else options.set(name, true);
    } else if (v.startsWith("-") && v.length > 1) {
      for (let c = 1; c < v.length; c++) {
        const flag = `-${v[c]}`;
        if (withValue.has(flag)) {
          const rest = v.slice(c + 1);
          const value = rest !== "" ? rest : text(words[++k]);
          if (value === undefined) return undefined;
          options.set(flag, value);
          break;
        }
        options.set(flag, true);
      }
    } else operands.push(v);
  }
  return { options, operands };
}

const USERADD_VALUES = new Set([
  "-u",
  "-g",
  "-G",
  "-d",
  "-s",
  "-c",
  "-k",
  "-e",
  "-f",
  "-p",
  "-K",
  "-b",
]);
const USERADD_LONG: Record<string, string> = {
  "--uid": "-u",
  "--gid": "-g",
  "--groups": "-G",
  "--home-dir": "-d",
  "--home": "-d",
  "--shell": "-s",
  "--comment": "-c",
  "--skel": "-k",
  "--system": "-r",
  "--create-home": "-m",
  "--no-create-home": "-M",
  "--no-user-group": "-N",
  "--user-group": "-U",
  "--no-log-init": "-l",
  "--non-unique": "-o",
  "--password": "-p",
  "--expiredate": "-e",
  "--inactive": "-f",
  "--key": "-K",
  "--base-dir": "-b",
};
const GROUPADD_LONG: Record<string, string> = {
  "--gid": "-g",
  "--system": "-r",
  "--force": "-f",
  "--non-unique": "-o",
  "--key": "-K",
  "--password": "-p",
};
const USERMOD_LONG: Record<string, string> = { "--append": "-a", "--groups": "-G" };

/** Words written with expansions; they are emitted as written, never re-quoted. */
const RAW = new Set<string>();

export function q(s: string): string {
  if (RAW.has(s)) return s;
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

export function fixShell(scope: ScriptScope, shell: string, at: number): string {
  if (shell === "/usr/sbin/nologin" || shell === "/bin/false" || shell === "/usr/bin/false") {
    return shell === "/usr/sbin/nologin" ? "/sbin/nologin" : shell;
  }
  const path = alpineShellPath(scope, shell, at);
  if (/bash$/.test(path))
    scope.stage.bashNeeds.push({ offset: scope.fileOffset(at), reason: `login shell ${path}` });
  return path;
}

export function checkIds(
  scope: ScriptScope,
  at: number,
  uid: string | undefined,
  gid: string | undefined,
  name: string | undefined,
  kind: "user" | "group",
): void {
  if (uid !== undefined && ALPINE_UIDS.has(Number(uid))) {
    scope.warn("users", at, `UID ${uid} is already taken on Alpine (base users); pick another`);
  }
  if (gid !== undefined && /^\d+$/.test(gid) && ALPINE_GIDS.has(Number(gid)) && kind === "group") {
    scope.warn("users", at, `GID ${gid} is already taken on Alpine (base groups); pick another`);
  }
  const names = kind === "user" ? ALPINE_USERS : ALPINE_GROUPS;
  if (name !== undefined && names.has(name)) {
    scope.warn("users", at, `${kind} ${name} already exists on Alpine; creating it again fails`);
    return;
  }
  const pkg = name === undefined ? undefined : createdByPackage(scope, name, kind);
  if (pkg) {
    scope.warn(
      "users",
      at,
      `${kind} ${name} is created by Alpine's ${pkg} package, installed earlier in this stage (Debian's is not): creating it again fails; drop this step`,
    );
  }
}

/** Rule 5: shadow's groupadd/useradd/usermod/gpasswd → busybox addgroup/adduser. */
export function migrateUsers(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  // Already on Alpine with shadow installed: useradd and friends work there as written.
  if (scope.stage.info.already && scope.stage.alpineInstalled.has("shadow")) return;
  const text = convert(scope, cmd);
  if (text === undefined) {
    unlockKept(scope, pipeline, cmd);
    return;
  }
  if (pipeline.commands.length !== 1) {
    scope.warn("users", cmd.start, `${cmd.name} inside a pipeline left as is`);
    return;
  }
  // `id app || useradd app` → `id app || { adduser … && addgroup …; }`: without the braces the
  // steps appended with && would run even when the user already existed.
  // Redirections of the call (`2>/dev/null`) stay, over every step it became.
  const redirects = cmd.redirects.map((r) => r.raw).join(" ");
  const chain = text.includes(" && ");
  const grouped = chain && (afterOr(scope, pipeline) || redirects) ? `{ ${text}; }` : text;
  scope.replacePipeline(pipeline, redirects ? `${grouped} ${redirects}` : grouped, "users");
}

/** The pipeline is the right side of `||`. */
function afterOr(scope: ScriptScope, pipeline: Pipeline): boolean {
  return /\|\|(?:\s|\\\r?\n)*$/.test(scope.src.script.text.slice(0, pipeline.start));
}

/** A busybox-style `adduser -D NAME` kept as written locks the account just the same. */
function unlockKept(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  if (cmd.name !== "adduser" || pipeline.commands.length !== 1) return;
  const user = keptNewUser(cmd.args.slice(1));
  const unlock = user === undefined ? "" : sshUnlock(scope, cmd.start, user);
  if (unlock === "") return;
  const braces = afterOr(scope, pipeline);
  if (braces)
    scope.rawEdits.push({ start: pipeline.start, end: pipeline.start, text: "{ ", rule: "users" });
  scope.rawEdits.push({
    start: pipeline.end,
    end: pipeline.end,
    text: braces ? `${unlock}; }` : unlock,
    rule: "users",
  });
}

function convert(scope: ScriptScope, cmd: SimpleCommand): string | undefined {
  const words = cmd.args.slice(1);
  const fail = (why: string) => {
    scope.warn("users", cmd.start, `${cmd.name} ${why}; left as is (or install shadow)`);
    return undefined;
  };
  if (cmd.name === "groupadd") {
    const p = parseOptions(words, new Set(["-g", "-K", "-p"]), GROUPADD_LONG);
    if (p?.operands.length !== 1) return fail("with arguments alpinize cannot read");
    const name = p.operands[0]!;
    const gid = p.options.get("-g");
    // With -f an existing group is fine, so only the GID can clash.
    const existingOk = p.options.has("-f") ? undefined : name;
    checkIds(
      scope,
      cmd.start,
      undefined,
      typeof gid === "string" ? gid : undefined,
      existingOk,
      "group",
    );
    recordGroup(scope, name, typeof gid === "string" ? gid : undefined);
    const out = ["addgroup"];
    if (p.options.has("-r")) out.push("-S");
    if (typeof gid === "string") out.push("-g", gid);
    out.push(q(name));
    // groupadd -f: an existing group is success; busybox addgroup fails on it, so look first.
    if (p.options.has("-f")) {
      // A name from a variable must expand inside the pattern: double quotes, not q()'s single.
      const pattern = /[$`]/.test(name) ? `"^${name.replace(/^"(.*)"$/, "$1")}:"` : q(`^${name}:`);
      return `{ grep -q ${pattern} /etc/group || ${out.join(" ")}; }`;
    }
    return out.join(" ");
  }
  if (cmd.name === "useradd") return useradd(scope, cmd, words, fail);
  if (cmd.name === "adduser" || cmd.name === "addgroup") {
    // `adduser USER GROUP` (no options) adds to a group in both; the group must exist on Alpine.
    const operands = words.filter((w) => !(w.value ?? w.raw).startsWith("-"));
    if (cmd.name === "adduser" && operands.length === 2 && operands.length === words.length) {
      checkGroupExists(scope, cmd.start, operands[1]!.value ?? "");
    }
    return debianAdduser(scope, cmd, words);
  }
  if (cmd.name === "usermod") {
    const p = parseOptions(
      words,
      new Set(["-G", "-g", "-u", "-d", "-s", "-l", "-c", "-e", "-f", "-p"]),
      USERMOD_LONG,
    );
    const groups = p?.options.get("-G");
    if (!p || typeof groups !== "string" || p.operands.length !== 1 || p.options.size > 2) {
      return fail("with options other than -aG");
    }
    if (!p.options.has("-a"))
      scope.warn(
        "users",
        cmd.start,
        "usermod -G without -a replaced the group list; addgroup only adds",
      );
    const named = groups.split(",").map((g) => byName(scope, cmd.start, g, "usermod -G"));
    for (const g of named) checkGroupExists(scope, cmd.start, g);
    return named.map((g) => `addgroup ${q(p.operands[0]!)} ${q(g)}`).join(" && ");
  }
  const p = parseOptions(words, new Set(["-a", "-d"]), {});
  const add = p?.options.get("-a");
  const del = p?.options.get("-d");
  if (typeof add === "string" && p?.operands.length === 1) {
    const group = byName(scope, cmd.start, p.operands[0]!, "gpasswd -a");
    checkGroupExists(scope, cmd.start, group);
    return `addgroup ${q(add)} ${q(group)}`;
  }
  if (typeof del === "string" && p?.operands.length === 1)
    return `delgroup ${q(del)} ${q(p.operands[0]!)}`;
  return fail("with options other than -a/-d");
}

function useradd(
  scope: ScriptScope,
  cmd: SimpleCommand,
  words: Word[],
  fail: (why: string) => undefined,
): string | undefined {
  const p = parseOptions(words, USERADD_VALUES, USERADD_LONG);
  if (p?.operands.length !== 1) return fail("with arguments alpinize cannot read");
  const o = p.options;
  const name = p.operands[0]!;
  const str = (k: string) => (typeof o.get(k) === "string" ? (o.get(k) as string) : undefined);
  for (const k of ["-o", "-e", "-f", "-K", "-b"]) {
    if (!o.has(k)) continue;
    scope.warn("users", cmd.start, `useradd ${k} has no busybox adduser equivalent; dropped`);
  }
  // busybox adduser takes no hash; its chpasswd -e writes one into /etc/shadow as given.
  const hash = str("-p");
  const setHash = hash ? ` && printf '%s:%s\\n' ${q(name)} ${q(hash)} | chpasswd -e` : "";
  if (o.has("-p") && !hash)
    scope.warn(
      "users",
      cmd.start,
      "useradd -p without a readable hash; dropped: set it with chpasswd -e",
    );
  checkIds(scope, cmd.start, str("-u"), undefined, name, "user");
  const system = o.has("-r");
  const out: string[] = [];
  let group = groupName(scope, cmd.start, str("-g"));
  // -N: no group of the user's own; Debian then uses its default group, users (100 on Alpine too).
  if (o.has("-N") && group === undefined) group = "users";
  // A group of the user's own name that Alpine's base already has (ping, abuild, …): busybox
  // would fail creating it, so the user joins the existing one.
  if (group === undefined && ALPINE_GROUPS.has(name)) {
    scope.warn(
      "users",
      cmd.start,
      `group ${name} already exists in Alpine's base image: the user joins it (adduser -G ${name}) instead of getting a new group of that name`,
    );
    group = name;
  }
  if (system && group === undefined && !o.has("-N")) {
    // useradd -r makes a same-named group; busybox adduser -S would use nogroup instead.
    out.push(`addgroup -S ${q(name)} &&`);
    group = name;
  }
  out.push("adduser");
  if (system) out.push("-S");
  out.push("-D");
  if (str("-u")) out.push("-u", str("-u")!);
  if (group !== undefined) out.push("-G", q(group));
  if (str("-d")) out.push("-h", q(str("-d")!));
  if (str("-s")) out.push("-s", q(fixShell(scope, str("-s")!, cmd.start)));
  if (str("-c") !== undefined) out.push("-g", q(str("-c")!));
  if (str("-k")) out.push("-k", q(str("-k")!));
  // Debian's useradd makes a home only with -m (login.defs has no CREATE_HOME); busybox always does.
  if (!o.has("-m")) out.push("-H");
  out.push(q(name));
  const extra = str("-G")
    ?.split(",")
    .map((g) => byName(scope, cmd.start, g, "useradd -G"));
  for (const g of extra ?? []) checkGroupExists(scope, cmd.start, g);
  const tail = extra ? extra.map((g) => ` && addgroup ${q(name)} ${q(g)}`).join("") : "";
  const user = { name, shell: str("-s"), system, password: o.has("-p") };
  return out.join(" ") + setHash + tail + sshUnlock(scope, cmd.start, user);
}

/** A `$GID`-like word: a number at build time, which busybox takes nowhere a group name goes. */
const GID_VARIABLE = /^"?\$\{?\w*gid\w*(?::-[^}]*)?\}?"?$/i;

/** busybox addgroup USER GROUP takes a name: a GID becomes the group made with it, or is flagged. */
function byName(scope: ScriptScope, at: number, group: string, label: string): string {
  if (/^\d+$/.test(group) || GID_VARIABLE.test(group)) {
    return groupName(scope, at, group, label) ?? group;
  }
  // Any other variable may hold a name: only a group made with that very GID word is swapped in.
  return isExpansion(group) ? (groupWithGid(scope, group) ?? group) : group;
}

/**
 * busybox adduser -G and addgroup USER GROUP take a group name. A useradd -g GID (a number, or
 * the same `$GID` word a groupadd of this stage or its parents used) becomes that group's name;
 * otherwise it stays, with a warning.
 */
function groupName(
  scope: ScriptScope,
  at: number,
  group: string | undefined,
  label = "useradd -g",
): string | undefined {
  if (group === undefined) return undefined;
  const numeric = /^\d+$/.test(group);
  if (numeric || isExpansion(group)) {
    const made = groupWithGid(scope, group);
    if (made !== undefined) return made;
  }
  const busybox = label === "useradd -g" ? "busybox adduser -G" : "busybox addgroup USER GROUP";
  // `-g $GID`: a number at build time, which busybox adduser -G cannot take.
  if (GID_VARIABLE.test(group)) {
    scope.warn(
      "users",
      at,
      `${label} ${group}: ${busybox} takes a group name, ${group} looks like a GID, and no groupadd/addgroup of this stage (or a stage it is built FROM) uses that GID before it; create the group first (addgroup -g ${group} NAME) and pass its name`,
    );
    return group;
  }
  if (!numeric) return group;
  // OpenShift's `-g 0` and Debian's `users` (100) are groups Alpine's base has too.
  const base = ALPINE_BASE_GROUPS.get(Number(group));
  if (base !== undefined) return base;
  scope.warn(
    "users",
    at,
    `${label} ${group}: ${busybox} takes a group name and this stage creates no group with GID ${group}; create it first (addgroup -g ${group} NAME) and name it`,
  );
  return group;
}
