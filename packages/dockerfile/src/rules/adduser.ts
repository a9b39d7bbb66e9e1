import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { ALPINE_GROUPS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";
import { checkIds, fixShell, parseOptions, q } from "./users.js";
import { groupWithGid, recordGroup } from "./users-gids.js";
import { alpineShellPath } from "./users-shells.js";
import { type NewUser, sshUnlock } from "./users-ssh.js";

const VALUES = new Set([
  "--home",
  "--shell",
  "--ingroup",
  "--uid",
  "--gid",
  "--gecos",
  "--comment",
  "--firstuid",
  "--lastuid",
  "--firstgid",
  "--lastgid",
  "--conf",
  "--skel",
  "-h",
  "-s",
  "-G",
  "-u",
  "-g",
  "-k",
]);
/** Debian's adduser options busybox adduser does not accept. */
const DEBIAN_ONLY =
  /^--(?:group|gid|quiet|disabled-login|comment|firstuid|lastuid|firstgid|lastgid|conf|add[-_]extra[-_]groups|force-badname|allow-bad-names|debug)\b|^-q$/;

/**
 * Rule 5, Debian's own adduser/addgroup: its long options differ from busybox's, and without
 * `--disabled-password` busybox would prompt for one. Busybox-style calls are left alone.
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
    checkKept(scope, cmd, words);
    return undefined;
  }
  if (!debianOnly && !nologin) {
    checkKept(scope, cmd, words);
    fixKeptShell(scope, cmd, words);
    return undefined;
  }
  const p = parseOptions(words, VALUES, {});
  if (!p || p.operands.length === 0 || p.operands.length > 2) return undefined;
  if (p.operands.length === 2 && p.options.size === 0)
    return `adduser ${p.operands.map(q).join(" ")}`;
  const o = p.options;
  const str = (...keys: string[]) => {
    for (const k of keys) if (typeof o.get(k) === "string") return o.get(k) as string;
    return undefined;
  };
  const name = p.operands[0]!;
  const system = o.has("--system") || o.has("-S");
  checkIds(scope, cmd.start, str("--uid", "-u"), undefined, name, "user");
  const out: string[] = [];
  let group = str("--ingroup", "-G");
  if (o.has("--group") && ALPINE_GROUPS.has(name)) {
    // Alpine's base has the group already (www-data, ping, …): busybox addgroup would fail.
    scope.warn(
      "users",
      cmd.start,
      `group ${name} already exists in Alpine's base image: the user joins it instead of a new group of that name`,
    );
    group = name;
  } else if (o.has("--group")) {
    const gid = str("--gid");
    recordGroup(scope, name, gid);
    out.push(`addgroup${system ? " -S" : ""}${gid ? ` -g ${gid}` : ""} ${q(name)} &&`);
    group = name;
  } else if (str("--gid") && !group) {
    const gid = str("--gid")!;
    group = groupWithGid(scope, gid);
    if (group === undefined) {
      group = gid;
      scope.warn(
        "users",
        cmd.start,
        `adduser --gid ${gid}: busybox adduser -G takes a group name, and no group of this stage (or a stage it is built FROM) has GID ${gid} before it; create it first (addgroup -g ${gid} NAME) and pass its name`,
      );
    }
  }
  out.push("adduser");
  if (system) out.push("-S");
  out.push("-D");
  const uid = str("--uid", "-u");
  if (uid) out.push("-u", uid);
  if (group) out.push("-G", q(group));
  const home = str("--home", "-h");
  if (home) out.push("-h", q(home));
  const shell = str("--shell", "-s") ?? (o.has("--disabled-login") ? "/sbin/nologin" : undefined);
  if (shell) out.push("-s", q(fixShell(scope, shell, cmd.start)));
  const gecos = str("--gecos", "--comment", "-g");
  if (gecos !== undefined) out.push("-g", q(gecos));
  if (o.has("--no-create-home") || o.has("-H")) out.push("-H");
  out.push(q(name));
  return out.join(" ") + sshUnlock(scope, cmd.start, { name, shell, system, password: false });
}

/** The user a busybox-style adduser call kept as written creates (`adduser -D -s /bin/sh dev`). */
export function keptNewUser(words: Word[]): NewUser | undefined {
  const p = parseOptions(words, VALUES, {});
  if (p?.operands.length !== 1) return undefined;
  const o = p.options;
  // Without -D busybox asks for a password, which a build cannot answer: nothing to add to.
  if (!o.has("-D") && !o.has("--disabled-password")) return undefined;
  const shell = o.get("-s") ?? o.get("--shell");
  return {
    name: p.operands[0]!,
    shell: typeof shell === "string" ? shell : undefined,
    system: o.has("-S") || o.has("--system"),
    password: false,
  };
}

/**
 * A call busybox accepts as written still fails on a name or ID Alpine's base has (`addgroup
 * --system kvm`, `adduser --system ntp`): checked like the converted ones.
 */
function checkKept(scope: ScriptScope, cmd: SimpleCommand, words: Word[]): void {
  const p = parseOptions(words, VALUES, {});
  if (p?.operands.length !== 1) return;
  const str = (...keys: string[]) => {
    for (const k of keys)
      if (typeof p.options.get(k) === "string") return p.options.get(k) as string;
    return undefined;
  };
  if (cmd.name === "addgroup") {
    checkIds(scope, cmd.start, undefined, str("--gid", "-g"), p.operands[0], "group");
    recordGroup(scope, p.operands[0]!, str("--gid", "-g"));
  } else checkIds(scope, cmd.start, str("--uid", "-u"), undefined, p.operands[0], "user");
}

function addgroup(scope: ScriptScope, cmd: SimpleCommand, words: Word[]): string | undefined {
  const p = parseOptions(words, new Set(["--gid", "-g"]), {});
  if (p?.operands.length !== 1) return undefined;
  const gid = p.options.get("--gid") ?? p.options.get("-g");
  checkIds(
    scope,
    cmd.start,
    undefined,
    typeof gid === "string" ? gid : undefined,
    p.operands[0],
    "group",
  );
  recordGroup(scope, p.operands[0]!, typeof gid === "string" ? gid : undefined);
  const out = ["addgroup"];
  if (p.options.has("--system") || p.options.has("-S")) out.push("-S");
  if (typeof gid === "string") out.push("-g", gid);
  out.push(q(p.operands[0]!));
  return out.join(" ");
}

/** A kept `adduser --shell /usr/bin/zsh`: the login shell's path as the target release has it. */
function fixKeptShell(scope: ScriptScope, cmd: SimpleCommand, words: Word[]): void {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const joined = /^--shell=(.+)$/.exec(w.value ?? "");
    const value = joined
      ? words[k]
      : w.value === "--shell" || w.value === "-s"
        ? words[k + 1]
        : undefined;
    if (value?.value === undefined) continue;
    const shell = joined ? joined[1]! : value.value;
    const path = alpineShellPath(scope, shell, cmd.start);
    if (path !== shell) scope.replaceWord(cmd, value, joined ? `--shell=${path}` : path, "users");
    return;
  }
}
