import { wholeVariable } from "../stages.js";
import { followsWithin } from "./in-order.js";
import type { ScriptScope } from "./scope.js";
import { installsAny } from "./users-installs.js";

/** A user a converted (or kept busybox) adduser call creates, as far as sshd cares. */
export interface NewUser {
  /** As written: a literal name, or a word with expansions (`$USERNAME`, `"${user}"`). */
  name: string;
  /** The login shell given, if any (busybox then uses $SHELL or /bin/sh: a login shell). */
  shell: string | undefined;
  system: boolean;
  /** A password (hash) was given at creation. */
  password: boolean;
}

/** Debian's and Alpine's packages that install sshd (Debian's `ssh` and Alpine's `openssh` pull it in). */
const SSH_SERVERS = new Set(["openssh-server", "ssh", "openssh"]);

/**
 * Alpine's sshd (openssh-server, built without PAM) refuses every login to an account whose
 * /etc/shadow password starts with `!`, SSH keys included; busybox `adduser -D` writes exactly
 * that. Debian's sshd goes through PAM and lets keys in, though useradd leaves `!` too. So a login
 * user of a stage with sshd gets `*` instead: not locked, and no password can match it. Returns
 * the ` && … | chpasswd -e` to append to the adduser call, or "" when nothing is needed.
 */
export function sshUnlock(scope: ScriptScope, at: number, user: NewUser): string {
  if (scope.stage.info.already || user.system || user.password) return "";
  if (user.shell !== undefined && /(?:nologin|false)$/.test(user.shell)) return "";
  const entry = shadowEntry(user.name, scope.quotes);
  if (entry === undefined || !installsAny(scope, SSH_SERVERS)) return "";
  if (setsPasswordLater(scope, user.name)) return "";
  scope.warn(
    "users",
    at,
    `user ${user.name}: busybox adduser -D locks the account ("!" in /etc/shadow) and Alpine's sshd, built without PAM, refuses every login to a locked account, SSH keys included (Debian's sshd uses PAM and let them in): added echo ${entry} | chpasswd -e, which unlocks it with a password nothing matches; set a real one with chpasswd if password logins are wanted`,
  );
  return ` && echo ${entry} | chpasswd -e`;
}

/**
 * `'dev:*'`, or `"$USERNAME:*"` so that the variable expands; undefined for odd words. Inside a
 * single-quoted `sh -c '…'` string a literal name is double-quoted instead, which the string can
 * hold.
 */
function shadowEntry(name: string, quotes: readonly string[]): string | undefined {
  if (!/[$`]/.test(name)) {
    if (!/^[A-Za-z0-9_.@-]+$/.test(name)) return undefined;
    return quotes.includes("'") && !quotes.includes('"') ? `"${name}:*"` : `'${name}:*'`;
  }
  const bare = /^"(.*)"$/.exec(name)?.[1] ?? name;
  return /^[\w.@${}:-]+$/.test(bare) ? `"${bare}:*"` : undefined;
}

/**
 * A chpasswd, passwd or `usermod -p` step for this user in this RUN or a later one: the file
 * manages the password itself (this also keeps a second migration from adding another).
 */
function setsPasswordLater(scope: ScriptScope, name: string): boolean {
  const user = namePattern(name);
  const entry = new RegExp(`${user}:`);
  const word = new RegExp(`(?<![\\w$-])${user}(?![\\w-])`);
  const from = scope.instruction.start;
  for (const ins of scope.ctx.doc.instructions) {
    if (ins.keyword !== "RUN" || ins.start < from) continue;
    for (const step of ins.args.text.replace(/\\\r?\n/g, " ").split(/&&|\|\||;|\n/)) {
      if (/(?<![\w./-])chpasswd(?![\w.-])/.test(step) && entry.test(step)) return true;
      if (/(?<![\w./-])passwd(?![\w./-])/.test(step) && word.test(step)) return true;
      // `.` stops at line breaks.
      const usermodPassword = followsWithin(
        step,
        /\busermod\b/,
        /\s(?:-p|--password)\b/,
        /[\n\r\u2028\u2029]/,
      );
      if (usermodPassword && word.test(step)) return true;
    }
  }
  return false;
}

/** The user name as it may be written elsewhere: `$U`, `${U}` and `"$U"` are one name. */
function namePattern(name: string): string {
  const bare = /^"(.*)"$/.exec(name)?.[1] ?? name;
  const variable = wholeVariable(bare);
  if (variable !== undefined) return `\\$\\{?${variable}\\}?`;
  return bare.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
