import { lastValue, type ToolArgs, type ToolSyntax, toolArgs } from "./account-args.js";

/** A name a tool would look up as written: no `$VAR`, no quotes, not a number. */
const NAME = /^[a-z_][a-z0-9_.-]*\$?$/i;

/** shadow's `usermod -l NEW OLD` (`--login`) or `groupmod -n NEW OLD` (`--new-name`). */
export interface AccountRename {
  kind: "user" | "group";
  from: string;
  to: string;
}

/** The users and groups a command names, or makes. */
export interface AccountNames {
  users: string[];
  groups: string[];
}

const syntax = (short: string, long: string, stopAtOperand = false): ToolSyntax => ({
  short,
  long: new Set(long.split(" ").map((l) => `--${l}`)),
  stopAtOperand,
});

const SU = syntax(
  "cgGswCu",
  "command session-command group supp-group shell whitelist-environment user",
);

/** Which options take a value, per tool: shadow's, busybox's and Debian's spellings together. */
const SYNTAX: Readonly<Record<string, ToolSyntax>> = {
  usermod: syntax(
    "cdefgGlpsuZRPvVwW",
    "comment home expiredate inactive gid groups login password prefix root shell uid add-subuids del-subuids add-subgids del-subgids selinux-user selinux-role",
  ),
  groupmod: syntax("gnpRPU", "gid new-name password root prefix users"),
  useradd: syntax(
    "bcdefgGkKpsuRPZ",
    "base-dir comment home-dir expiredate inactive gid groups skel key password shell uid root prefix selinux-user",
  ),
  adduser: syntax(
    "hgsGuk",
    "home shell gecos comment ingroup uid gid firstuid lastuid firstgid lastgid conf",
  ),
  addgroup: syntax("g", "gid conf firstgid lastgid"),
  groupadd: syntax("gKpRP", "gid key password root prefix"),
  userdel: syntax("RPZ", "root prefix"),
  groupdel: syntax("RP", "root prefix"),
  deluser: syntax("", "backup-to conf"),
  delgroup: syntax("", "conf"),
  gpasswd: syntax("adAMQ", "add delete administrators members root"),
  passwd: syntax("ainrRPwx", "inactive mindays repository root prefix warndays maxdays"),
  chsh: syntax("sR", "shell root"),
  chown: syntax("", "from reference"),
  chgrp: syntax("", "from reference"),
  su: SU,
  runuser: SU,
  sudo: syntax(
    "CDghpRrtTUu",
    "close-from chdir group host prompt chroot role type command-timeout other-user user",
    true,
  ),
  setpriv: syntax("", "reuid regid groups", true),
  chroot: syntax("", "userspec groups", true),
};

/** The rename a shadow usermod/groupmod call makes, if it is one alpinize can follow. */
export function accountRename(tool: string, args: readonly string[]): AccountRename | undefined {
  const kind = tool === "usermod" ? "user" : tool === "groupmod" ? "group" : undefined;
  if (kind === undefined) return undefined;
  const parsed = toolArgs(args, SYNTAX[tool]!);
  // `-R /mnt` or `-P /mnt` renames in another root's files, not the image's.
  if (lastValue(parsed, "-R", "--root", "-P", "--prefix") !== undefined) return undefined;
  const to =
    kind === "user" ? lastValue(parsed, "-l", "--login") : lastValue(parsed, "-n", "--new-name");
  const from = parsed.operands.length === 1 ? parsed.operands[0]! : undefined;
  if (to === undefined || from === undefined || from === to) return undefined;
  return NAME.test(to) && NAME.test(from) ? { kind, from, to } : undefined;
}

/** The accounts a call makes: `useradd app` (and its own group), `addgroup grp`, `groupadd grp`. */
export function createdAccounts(tool: string, args: readonly string[]): AccountNames {
  const syntax = SYNTAX[tool];
  if (syntax === undefined) return { users: [], groups: [] };
  const ops = toolArgs(args, syntax).operands.filter((n) => NAME.test(n));
  // `adduser USER GROUP` and `addgroup USER GROUP` only add a member.
  if (ops.length !== 1) return { users: [], groups: [] };
  if (tool === "useradd" || tool === "adduser") return { users: ops, groups: ops };
  if (tool === "groupadd" || tool === "addgroup") return { users: [], groups: ops };
  return { users: [], groups: [] };
}

/**
 * The IDs a creating call asks for, as written: `useradd -u 1000 app` (`--uid`), `groupadd -g
 * 1000 grp` (`--gid`; busybox `addgroup -g`). A useradd's `-g` names its group, made already: no
 * ID of a new account, so it is left out, as is busybox adduser's `-g` (the GECOS field).
 */
export function createdIds(
  tool: string,
  args: readonly string[],
): { uid: string | undefined; gid: string | undefined } {
  const syntax = SYNTAX[tool];
  const none = { uid: undefined, gid: undefined };
  if (syntax === undefined) return none;
  const parsed = toolArgs(args, syntax);
  if (parsed.operands.length !== 1) return none;
  if (tool === "useradd" || tool === "adduser")
    return { uid: lastValue(parsed, "-u", "--uid"), gid: undefined };
  if (tool === "groupadd" || tool === "addgroup")
    return { uid: undefined, gid: lastValue(parsed, "-g", "--gid") };
  return none;
}

/**
 * The users and groups a command needs to be there, by name: owners (`chown app:grp`, `chgrp`),
 * the user a command runs as (`su`, `runuser`, `sudo -u`, `gosu`, `su-exec`, `setpriv --reuid`,
 * `chroot --userspec`), and the accounts a user or group tool changes or deletes (`usermod -aG grp
 * app`, `addgroup app grp`, `deluser app`, `passwd app`). Numbers and variables are left out.
 */
export function namedAccounts(tool: string, args: readonly string[]): AccountNames {
  // `gosu app[:grp] CMD…`, `su-exec app CMD…`: the first word.
  if (tool === "gosu" || tool === "su-exec") return owner(args[0]);
  const syntax = SYNTAX[tool];
  if (syntax === undefined) return named([], []);
  const parsed = toolArgs(args, syntax);
  const ops = parsed.operands;
  switch (tool) {
    case "chown":
    case "chgrp":
      if (lastValue(parsed, "--reference") !== undefined) return named([], []);
      return tool === "chgrp" ? named([], ops.slice(0, 1)) : owner(ops[0]);
    case "sudo":
      return named(values(parsed, "-u", "--user"), values(parsed, "-g", "--group"));
    case "su":
    case "runuser": {
      // `runuser -u app -- CMD`: the operands are the command; `su [-] app`: the user.
      const as = values(parsed, "-u", "--user");
      const user = as.length > 0 ? as : ops.filter((o) => o !== "-").slice(0, 1);
      return named(user, values(parsed, "-g", "--group", "-G", "--supp-group"));
    }
    case "setpriv":
      return named(values(parsed, "--reuid"), values(parsed, "--regid"));
    case "chroot":
      return owner(lastValue(parsed, "--userspec"));
    default:
      return toolNames(tool, parsed);
  }
}

/** The accounts a user or group tool call names that must be there already. */
function toolNames(tool: string, parsed: ToolArgs): AccountNames {
  const ops = parsed.operands;
  const groups = [
    ...values(parsed, "-g", "--gid", "--ingroup"),
    ...values(parsed, "-G", "--groups").flatMap((g) => g.split(",")),
  ];
  switch (tool) {
    case "usermod":
    case "passwd":
    case "chsh":
    case "userdel":
      return named(ops.slice(-1), tool === "usermod" ? groups : []);
    case "useradd":
      return named([], groups);
    case "adduser":
      // `adduser USER GROUP` adds a member; `adduser -G grp NAME` makes NAME in grp.
      return ops.length === 2 ? named(ops.slice(0, 1), ops.slice(1)) : named([], groups);
    case "addgroup":
    case "deluser":
    case "delgroup":
      if (ops.length === 2) return named(ops.slice(0, 1), ops.slice(1));
      return tool === "deluser" ? named(ops, []) : named([], tool === "delgroup" ? ops : []);
    case "gpasswd":
      return named(values(parsed, "-a", "--add", "-d", "--delete"), ops.slice(-1));
    default:
      // groupmod and groupdel: the group they change.
      return named([], ops.slice(-1));
  }
}

function values(parsed: ToolArgs, ...keys: string[]): string[] {
  return keys.flatMap((k) => parsed.options.get(k) ?? []);
}

/** `app`, `app:grp`, `:grp` (gosu's and su-exec's `user:group` too). */
function owner(spec: string | undefined): AccountNames {
  if (spec === undefined) return named([], []);
  const colon = spec.indexOf(":");
  if (colon === -1) return named([spec], []);
  return named([spec.slice(0, colon)], [spec.slice(colon + 1)]);
}

function named(users: readonly string[], groups: readonly string[]): AccountNames {
  return { users: users.filter((n) => NAME.test(n)), groups: groups.filter((n) => NAME.test(n)) };
}
