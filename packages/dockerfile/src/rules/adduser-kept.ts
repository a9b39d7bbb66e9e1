import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { ALPINE_GROUPS } from "./alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import type { ScriptScope } from "./scope.js";
import { adduserAsks } from "./users-base-accounts.js";
import { keepsBaseAccount } from "./users-base-names.js";
import { madeInChain, recordGroup } from "./users-gids.js";
import { homeParentStep } from "./users-home.js";
import { checkIds } from "./users-ids.js";
import { optionValue, type Parsed, parseOptions } from "./users-options.js";
import { ownGroupHolder } from "./users-own-group.js";
import { warnPackageId } from "./users-package-ids.js";
import { warnRenumberedGroup } from "./users-renumbered-groups.js";
import { alpineShellPath } from "./users-shells.js";
import type { NewUser } from "./users-ssh.js";

/** The options of Debian's and busybox's adduser that take a value. */
export const ADDUSER_VALUES = new Set([
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
/**
 * A Debian adduser call that busybox would read as written must be converted all the same when
 * busybox would stop, or go on without what Debian's adduser makes.
 */
export function mustConvert(scope: ScriptScope, p: Parsed): boolean {
  return (
    ownGroupClash(scope, p) ||
    asksPassword(scope, p) ||
    homeParent(scope, p) ||
    missingGroup(scope, p) ||
    systemDefaults(scope, p)
  );
}

/** A home Debian's adduser never makes (its system users' default, /nonexistent). */
export const NO_HOME = /^\/+nonexistent(?:\/|$)/;

/**
 * `adduser --system svc` in a Debian stage, without --home or --shell: Debian's adduser gives
 * /nonexistent and /usr/sbin/nologin, busybox /home/svc and /bin/false, unless both are written.
 * A --home under /nonexistent Debian's adduser does not make, where busybox would.
 */
function systemDefaults(scope: ScriptScope, p: Parsed): boolean {
  const o = p.options;
  if (scope.stage.info.already || p.operands.length !== 1) return false;
  const home = optionValue(o, "--home", "-h");
  if (home !== undefined && NO_HOME.test(home) && !o.has("--no-create-home") && !o.has("-H"))
    return true;
  return o.has("--system") && (home === undefined || optionValue(o, "--shell", "-s") === undefined);
}

/** `--ingroup staff`: a group of Debian's base that Alpine's lacks must be made first. */
function missingGroup(scope: ScriptScope, p: Parsed): boolean {
  const group = optionValue(p.options, "--ingroup", "-G");
  if (scope.stage.info.already || p.operands.length !== 1 || group === undefined) return false;
  return DEBIAN_BASE_GROUPS.has(group) && !ALPINE_GROUPS.has(group) && !madeInChain(scope, group);
}

/** A non-system user with no group given, whose own group busybox could not give GID = UID. */
function ownGroupClash(scope: ScriptScope, p: Parsed): boolean {
  const o = p.options;
  if (scope.stage.info.already || p.operands.length !== 1) return false;
  if (["--system", "-S", "--group", "--ingroup", "-G", "--gid"].some((k) => o.has(k))) return false;
  return ownGroupHolder(scope, p.operands[0]!, optionValue(o, "--uid", "-u")) !== undefined;
}

/**
 * A new user without -D: Debian's adduser cannot read a password in a build, locks the account
 * and goes on; busybox runs passwd, which fails there, and stops.
 */
function asksPassword(scope: ScriptScope, p: Parsed): boolean {
  if (scope.stage.info.already || p.operands.length !== 1) return false;
  // busybox sets no password for a system user (-S) either.
  const none = ["-D", "--disabled-password", "--empty-password", "-S", "--system"];
  return !none.some((k) => p.options.has(k));
}

/** A home to make under a directory Alpine's base lacks: busybox would leave the user without. */
function homeParent(scope: ScriptScope, p: Parsed): boolean {
  const o = p.options;
  if (scope.stage.info.already || p.operands.length !== 1) return false;
  if (o.has("--no-create-home") || o.has("-H")) return false;
  return homeParentStep(optionValue(o, "--home", "-h")) !== "";
}

/** The user a busybox-style adduser call kept as written creates (`adduser -D -s /bin/sh dev`). */
export function keptNewUser(words: Word[]): NewUser | undefined {
  const p = parseOptions(words, ADDUSER_VALUES, {});
  if (p?.operands.length !== 1) return undefined;
  const o = p.options;
  // Without -D busybox asks for a password, which a build cannot answer: nothing to add to.
  if (!o.has("-D") && !o.has("--disabled-password")) return undefined;
  return {
    name: p.operands[0]!,
    shell: optionValue(o, "-s", "--shell"),
    system: o.has("-S") || o.has("--system"),
    password: false,
  };
}

/**
 * A call busybox accepts as written still fails on a name or ID Alpine's base has (`addgroup
 * -S kvm`, `adduser -S ntp`): checked like the converted ones. An account Alpine's base has,
 * made with no ID or Alpine's, is dropped as useradd's and groupadd's are (keepsBaseAccount):
 * true when the caller drops the call.
 */
export function checkKept(scope: ScriptScope, cmd: SimpleCommand, words: Word[]): boolean {
  const p = parseOptions(words, ADDUSER_VALUES, {});
  if (p?.operands.length !== 1) return false;
  const name = p.operands[0]!;
  if (cmd.name === "addgroup") {
    const gid = optionValue(p.options, "--gid", "-g");
    if (keepsBaseAccount(scope, cmd.start, "group", name, gid)) return true;
    checkIds(scope, cmd.start, undefined, gid, name, "group");
    recordGroup(scope, name, gid);
    return false;
  }
  const uid = optionValue(p.options, "--uid", "-u");
  const asks = adduserAsks(p.options, name);
  if (keepsBaseAccount(scope, cmd.start, "user", name, uid, asks)) return true;
  checkIds(scope, cmd.start, uid, undefined, name, "user", asks);
  const group = optionValue(p.options, "--ingroup", "-G");
  if (group !== undefined) warnRenumberedGroup(scope, cmd.start, group);
  // busybox gives a user with no group named and not -S its own group, as Debian's adduser does,
  // with GID = UID, which a package installed before may have taken.
  if (!["--system", "-S", "--ingroup", "-G"].some((k) => p.options.has(k))) {
    warnPackageId(scope, cmd.start, "group", uid, "adduser -u", name);
    recordGroup(scope, name, undefined);
  }
  return false;
}

/** A kept `adduser --shell /usr/bin/zsh`: the login shell's path as the target release has it. */
export function fixKeptShell(scope: ScriptScope, cmd: SimpleCommand, words: Word[]): void {
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
