import { type OptionSpec, parseOptions } from "../shell/options.js";
import { literal, type SimpleCommand, type Word } from "../shell/scan.js";
import { runuserForm, type SwitchForm, setprivForm } from "./exec-tools.js";
import type { GroupRefs } from "./group-refs.js";
import { groupUseEdits, ownerWithGroup, type WordEdit } from "./group-uses.js";

/** What one command becomes, or why it stays. */
export type CommandOutcome =
  | {
      kind: "replace";
      rule: string;
      call: string;
      quietStdout: boolean;
      message: string;
      /** The group name this call creates, when it is a literal. */
      defines?: string;
    }
  | { kind: "warn"; rule: string; message: string }
  /** Only some words change (a group named by GID or effective name); the command stays. */
  | { kind: "words"; rule: string; message: string; edits: WordEdit[] };

export interface CommandContext {
  cmd: SimpleCommand;
  /** Index of the command name in cmd.words (after assignments and `exec`). */
  at: number;
  exec: boolean;
  /** The command name with an absolute directory dropped. */
  name: string | undefined;
  /** Group names created earlier in the script with an explicit GID, and how to refer to them. */
  groups: GroupRefs;
  /** See RewriteOptions.execTool. */
  execTool?: "su-exec";
}

export const GROUPADD: OptionSpec = {
  withValue: "gKp",
  flags: "froU",
  long: { gid: "g", key: "K", password: "p", force: "f", system: "r", "non-unique": "o" },
};
const USERMOD: OptionSpec = {
  withValue: "Gcdeglpsu",
  flags: "amUL",
  long: { groups: "G", append: "a", gid: "g", home: "d", shell: "s", uid: "u", login: "l" },
};
export const USERADD: OptionSpec = {
  withValue: "ugdsGcefkKpb",
  flags: "MmrNoUl",
  long: {
    uid: "u",
    gid: "g",
    "home-dir": "d",
    shell: "s",
    groups: "G",
    comment: "c",
    "no-create-home": "M",
    "create-home": "m",
    system: "r",
    "no-user-group": "N",
    "non-unique": "o",
    "user-group": "U",
    "no-log-init": "l",
  },
};
export const BB_ADDGROUP: OptionSpec = {
  withValue: "g",
  flags: "S",
  long: { gid: "g", system: "S" },
};
export const BB_ADDUSER: OptionSpec = {
  withValue: "hgsGuk",
  flags: "DSH",
  long: {
    home: "h",
    gecos: "g",
    shell: "s",
    ingroup: "G",
    uid: "u",
    "disabled-password": "D",
    system: "S",
    "no-create-home": "H",
  },
};

const NOLOGIN_DEBIAN = "/usr/sbin/nologin";

/** What the shims need from a useradd or adduser call: the short option and how to write it. */
type Need = [short: string, spelling: string];
const USERADD_NEEDS: Need[] = [
  ["u", "-u/--uid UID"],
  ["g", "-g/--gid GROUP"],
  ["d", "-d/--home-dir HOME"],
  ["s", "-s/--shell SHELL"],
];
const ADDUSER_NEEDS: Need[] = [
  ["u", "-u/--uid UID"],
  ["G", "-G/--ingroup GROUP"],
  ["h", "-h/--home HOME"],
  ["s", "-s/--shell SHELL"],
];

/**
 * The needed options a call lacks, in words ("-d/--home-dir HOME and -s/--shell SHELL"): a call
 * that already gives --uid and --gid is told only about the rest.
 */
function missingOptions(values: ReadonlyMap<string, unknown>, needs: Need[]): string {
  const lacking = needs.filter(([short]) => !values.has(short)).map(([, spelling]) => spelling);
  return lacking.length < 2
    ? lacking.join("")
    : `${lacking.slice(0, -1).join(", ")} and ${lacking.at(-1)}`;
}

// The shims create users and groups and add members; they never change or delete one, so these
// calls need Alpine's shadow package (the same tools and options as Debian's).
const SHADOW_ONLY =
  "the shims never change or delete an existing user or group; keep the line and install shadow on Alpine (apk add --no-cache shadow), which has the same tool and options; left as is";

export function rewriteCommand(ctx: CommandContext): CommandOutcome | undefined {
  const name = ctx.name;
  const args = ctx.cmd.words.slice(ctx.at + 1);
  // Inside $( ) only the exec tools: `x=$(gosu app id)` runs in a subshell either way.
  if (ctx.cmd.depth > 0 && !EXEC_TOOLS.has(name ?? "")) return undefined;
  switch (name) {
    case "groupadd":
      return groupadd(args, ctx);
    case "usermod":
      return usermod(args, ctx);
    case "gpasswd":
      return gpasswd(args, ctx);
    case "useradd":
      return useradd(args, ctx);
    case "addgroup":
      return addgroup(args, ctx);
    case "adduser":
      return adduser(args, ctx);
    case "gosu":
      return execAs(name, args, ctx);
    case "su-exec":
      return suExec(args, ctx);
    case "runuser":
      return switchUser(name, runuserForm(args), ctx);
    case "setpriv":
      return switchUser(name, setprivForm(args), ctx);
    case "set":
      return setGosu(args, ctx.execTool);
    case "groupmod":
    case "groupdel":
    case "userdel":
      return warn(name, `${name} is not rewritten: ${SHADOW_ONLY}`);
    default:
      return name === undefined ? undefined : groupUses(name, ctx);
  }
}

const EXEC_TOOLS = new Set(["gosu", "su-exec", "runuser", "setpriv"]);

/** Rules whose edits call no shim function, so the script needs no shims for them. */
export const SHIM_FREE_RULES: ReadonlySet<string> = new Set(["set-gosu"]);

/** `set -- gosu USER "$@"` … `exec "$@"`: gosu becomes the image's program (never a shim). */
function setGosu(args: Word[], execTool: "su-exec" | undefined): CommandOutcome | undefined {
  const head = setGosuWord(args);
  if (!head || !execTool) return undefined;
  return {
    kind: "words",
    rule: "set-gosu",
    edits: [{ word: head, after: execTool }],
    message: `the image has ${execTool}, not gosu: exec "$@" runs the program named here, which takes the same USER[:GROUP] CMD`,
  };
}

/** The literal gosu word at the head of `set -- …` (or `set gosu …`), if any. */
export function setGosuWord(args: readonly Word[]): Word | undefined {
  const head = args[0] && literal(args[0].text) === "--" ? args[1] : args[0];
  const name = head ? literal(head.text) : undefined;
  if (!head || name === undefined) return undefined;
  return name === "gosu" || name.endsWith("/gosu") ? head : undefined;
}

const GROUP_USE =
  "names the group created earlier by its GID (or the name alpinize_ensure_group printed): on Alpine another group may hold that GID";

function groupUses(name: string, ctx: CommandContext): CommandOutcome | undefined {
  const edits = groupUseEdits(name, ctx.cmd, ctx.at, ctx.groups);
  if (!edits || edits.length === 0) return undefined;
  return {
    kind: "words",
    rule: "group-name",
    edits,
    message: GROUP_USE,
  };
}

const text = (w: Word | undefined) => w?.text ?? "";

function ensureGroup(name: Word, gid: string, ctx: CommandContext, rule: string): CommandOutcome {
  const lit = literal(name.text);
  if (lit !== undefined) ctx.groups.define(lit, gid, ctx.cmd);
  return {
    kind: "replace",
    rule,
    defines: lit,
    call: `alpinize_ensure_group ${name.text} ${gid}`,
    quietStdout: true,
    message:
      "reuses the group that already holds the GID (e.g. Alpine's ping for 999) instead of failing",
  };
}

function groupadd(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, GROUPADD);
  const gid = o.values.get("g");
  const lacking = [
    ...o.unknown,
    ...(o.flags.has("o") ? ["-o (the shim refuses a GID in use)"] : []),
    ...(o.values.has("p") ? ["-p"] : []),
  ];
  if (lacking.length > 0 || o.positionals.length !== 1)
    return warn(
      "groupadd",
      lacking.length > 0
        ? `groupadd with options the shims do not cover: ${lacking.join(", ")}; left as is`
        : "groupadd with more or fewer than one group name; left as is",
    );
  if (gid === undefined)
    return warn(
      "groupadd",
      "groupadd without -g picks a GID that differs between Debian and Alpine; add -g GID",
    );
  return ensureGroup(o.positionals[0]!, gid.text, ctx, "groupadd");
}

/** Adds USER to each group; a group created earlier with a GID is referred to by that GID. */
function addToGroups(user: string, groups: string, ctx: CommandContext, rule: string) {
  const lit = literal(groups);
  const names = lit?.split(",").filter(Boolean) ?? [];
  // Split a literal list only when every member is a plain name; otherwise keep the word whole.
  const plain = names.length > 0 && names.every((g) => /^[A-Za-z0-9_.$-]+$/.test(g));
  const list = plain ? names : [groups];
  const calls = list.map((g) => `alpinize_add_user_to_group ${user} ${ctx.groups.ref(g, ctx.cmd)}`);
  const call = calls.length === 1 ? calls[0]! : `{ ${calls.join(" >/dev/null && ")} >/dev/null; }`;
  return {
    kind: "replace" as const,
    rule,
    call,
    quietStdout: calls.length === 1,
    message: "adds the user by group name or GID and checks the result afterwards",
  };
}

function usermod(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, USERMOD);
  const groups = o.values.get("G");
  const onlyAppend = o.flags.size === 1 && o.flags.has("a") && o.values.size === 1;
  if (!groups || !onlyAppend || o.unknown.length > 0 || o.positionals.length !== 1)
    return warn("usermod", `only \`usermod -aG GROUP USER\` is rewritten; ${SHADOW_ONLY}`);
  return addToGroups(text(o.positionals[0]), groups.text, ctx, "usermod-append");
}

function gpasswd(args: Word[], ctx: CommandContext): CommandOutcome {
  const flag = literal(text(args[0]));
  if ((flag !== "-a" && flag !== "--add") || args.length !== 3)
    return warn("gpasswd", "only `gpasswd -a USER GROUP` is rewritten; left as is");
  return addToGroups(text(args[1]), text(args[2]), ctx, "gpasswd-add");
}

function useradd(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, USERADD);
  const [uid, group, home, shell] = ["u", "g", "d", "s"].map((k) => o.values.get(k)?.text);
  const lacking = [
    ...o.unknown,
    ...(o.flags.has("m") ? ["-m (the shim makes no home directory)"] : []),
    ...(o.flags.has("o") ? ["-o (the shim refuses a UID in use)"] : []),
    ...(o.values.has("p") ? ["-p (the shim sets no password)"] : []),
  ];
  if (lacking.length > 0)
    return warn(
      "useradd",
      `useradd with options the shims do not cover: ${lacking.join(", ")}; left as is`,
    );
  if (o.positionals.length !== 1)
    return warn("useradd", "useradd with more or fewer than one user name; left as is");
  if (!uid || !group || !home || !shell)
    return warn(
      "useradd",
      `useradd needs ${missingOptions(o.values, USERADD_NEEDS)} to be rewritten; left as is`,
    );
  return ensureUser(o.positionals[0]!.text, uid, group, home, shell, o.values.get("G")?.text, ctx);
}

function ensureUser(
  user: string,
  uid: string,
  group: string,
  home: string,
  shell: string,
  extra: string | undefined,
  ctx: CommandContext,
): CommandOutcome {
  const sh = literal(shell) === NOLOGIN_DEBIAN ? "/sbin/nologin" : shell;
  const lit = literal(group);
  const gid = lit !== undefined && ctx.groups.origin(lit) ? ctx.groups.ref(lit, ctx.cmd) : group;
  const create = `alpinize_ensure_user ${user} ${uid} ${gid} ${home} ${sh}`;
  const more = extra ? addToGroups(user, extra, ctx, "useradd").call : "";
  return {
    kind: "replace",
    rule: "useradd",
    call: more ? `{ ${create} && ${more} >/dev/null; }` : create,
    quietStdout: false,
    message: `creates the user with no password, no home directory and an explicit shell${sh !== shell ? " (/sbin/nologin exists on both systems)" : ""}`,
  };
}

function addgroup(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, BB_ADDGROUP);
  if (o.unknown.length > 0) return warn("addgroup", "addgroup with unknown options; left as is");
  const gid = o.values.get("g");
  if (o.positionals.length === 2 && !gid && o.flags.size === 0)
    return addToGroups(text(o.positionals[0]), text(o.positionals[1]), ctx, "addgroup-member");
  if (o.positionals.length === 1 && gid)
    return ensureGroup(o.positionals[0]!, gid.text, ctx, "addgroup");
  return warn("addgroup", "addgroup without -g GID picks a GID that differs between systems");
}

function adduser(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, BB_ADDUSER);
  if (o.unknown.length > 0) return warn("adduser", "adduser with unknown options; left as is");
  if (o.positionals.length === 2 && o.values.size === 0 && o.flags.size === 0)
    return addToGroups(text(o.positionals[0]), text(o.positionals[1]), ctx, "adduser-member");
  const [uid, group, home, shell] = ["u", "G", "h", "s"].map((k) => o.values.get(k)?.text);
  if (o.positionals.length !== 1)
    return warn("adduser", "adduser with more or fewer than one user name; left as is");
  if (!uid || !group || !home || !shell)
    return warn(
      "adduser",
      `adduser needs ${missingOptions(o.values, ADDUSER_NEEDS)} to be rewritten; left as is`,
    );
  return ensureUser(o.positionals[0]!.text, uid, group, home, shell, undefined, ctx);
}

/**
 * su-exec runs as is on Alpine (apk's su-exec) and wherever else it is installed, so the call
 * stays; only a group the script made with a GID earlier is named as for chown (`app:docker`).
 */
function suExec(args: Word[], ctx: CommandContext): CommandOutcome | undefined {
  const user = args[0];
  const after = user === undefined ? undefined : ownerWithGroup(user, ctx.groups, ctx.cmd);
  if (user === undefined || after === undefined) return undefined;
  return {
    kind: "words",
    rule: "group-name",
    edits: [{ word: user, after }],
    message: GROUP_USE,
  };
}

function execAs(name: string, args: Word[], ctx: CommandContext): CommandOutcome {
  if (args.length < 2) return warn(name, `${name} without a command; left as is`);
  // gosu app:docker: the group part named by GID when the script created it with one.
  const user = ownerWithGroup(args[0]!, ctx.groups, ctx.cmd);
  const words = [user ?? text(args[0]), ...args.slice(1).map(text)];
  return execAsCall(name, words, ctx, userForm(literal(text(args[0]))));
}

/**
 * runuser and setpriv calls that mean "run CMD as USER[:GROUP]". The others are left to the
 * lint, which says why each cannot be carried over and what to write.
 */
function switchUser(
  name: string,
  form: SwitchForm,
  ctx: CommandContext,
): CommandOutcome | undefined {
  if (form.kind !== "exec-as") return undefined;
  const lit = form.group === undefined ? undefined : literal(form.group);
  const group =
    lit !== undefined && ctx.groups.origin(lit) ? ctx.groups.ref(lit, ctx.cmd) : form.group;
  const spec = group === undefined ? form.user : `${form.user}:${group}`;
  return execAsCall(name, [spec, ...form.command], ctx, form.message);
}

function execAsCall(rule: string, words: string[], ctx: CommandContext, form: string) {
  const call = `alpinize_exec_as ${words.join(" ")}`;
  return {
    kind: "replace" as const,
    rule,
    // Without `exec` the script goes on after the command, so the shim (which execs) runs in a subshell.
    // With `exec`, a failure must still end the script, as a failed exec does, rather than let it go
    // on as root; the braces keep `a && exec gosu ...` from exiting when `a` fails.
    call: ctx.exec ? `{ ${call} || exit; }` : `(${call})`,
    quietStdout: false,
    message: `su-exec, gosu or setpriv, whichever the image has; ${form}`,
  };
}

/** What the user word means to gosu and su-exec, which alpinize_exec_as reads the same way. */
function userForm(user: string | undefined): string {
  if (user?.includes(":"))
    return "USER:GROUP runs with that group only and no supplementary groups, as gosu and su-exec do";
  if (user !== undefined && /^\d+$/.test(user))
    return "a UID gets its user's groups when it has a passwd entry, else GID 0 and no groups, as with gosu";
  return "by user name so file groups apply";
}

function warn(rule: string, message: string): CommandOutcome {
  return { kind: "warn", rule, message };
}
