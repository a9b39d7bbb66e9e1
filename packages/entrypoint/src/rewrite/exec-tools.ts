import { shellWord } from "../shell/options.js";
import { literal, type Word } from "../shell/scan.js";

/**
 * util-linux `runuser` and `setpriv` calls read for what they mean, so that a call meaning "run
 * this command as USER[:GROUP]" becomes `alpinize_exec_as`. busybox has no runuser, and its
 * setpriv takes only -d, --nnp and capability options, so both fail on Alpine without the
 * runuser or setpriv package. Measured with util-linux 2.38 (Debian bookworm): runuser -u USER
 * gives USER's primary group and groups; -g GROUP (or a single -G GROUP) gives that group only;
 * runuser USER -c STRING runs USER's login shell with -c STRING and the words after it as $0,
 * $1…; setpriv --init-groups gives --regid's group plus USER's groups, --clear-groups no others.
 */
export type SwitchForm =
  | {
      kind: "exec-as";
      /** Shell source of the user and group words. */
      user: string;
      group?: string;
      /** Shell source of the command's words. */
      command: string[];
      message: string;
    }
  | { kind: "declined"; reason: string; fix: string }
  /** setpriv without a user switch: busybox's own setpriv takes every option unless `missing`. */
  | { kind: "no-switch"; missing: string[] };

interface OptionSpec {
  /** Option as written (`-u`, `--user`) to its name; `values` take a value. */
  values: Readonly<Record<string, string>>;
  flags: Readonly<Record<string, string>>;
}

interface ReadOption {
  name: string;
  /** The value as shell source (`app`, `"$U"`). */
  value?: string;
}

interface ReadOptions {
  options: ReadOption[];
  operands: Word[];
  /** Options the spec does not know or that cannot be read, as written. */
  unknown: string[];
}

const RUNUSER: OptionSpec = {
  values: {
    "-u": "user",
    "--user": "user",
    "-g": "group",
    "--group": "group",
    "-G": "supp",
    "--supp-group": "supp",
    "-s": "shell",
    "--shell": "shell",
    "-c": "command",
    "--command": "command",
    "--session-command": "session-command",
    "-w": "whitelist-environment",
    "--whitelist-environment": "whitelist-environment",
  },
  flags: {
    "-": "login",
    "-l": "login",
    "--login": "login",
    "-m": "preserve-environment",
    "-p": "preserve-environment",
    "--preserve-environment": "preserve-environment",
    "-f": "fast",
    "--fast": "fast",
    "-P": "pty",
    "--pty": "pty",
    "-h": "help",
    "--help": "help",
    "-V": "version",
    "--version": "version",
  },
};

const SETPRIV_VALUES = [
  "reuid",
  "regid",
  "ruid",
  "euid",
  "rgid",
  "egid",
  "groups",
  "inh-caps",
  "ambient-caps",
  "bounding-set",
  "securebits",
  "pdeathsig",
  "selinux-label",
  "apparmor-profile",
  "landlock-access",
  "landlock-rule",
];
const SETPRIV_FLAGS = [
  "init-groups",
  "clear-groups",
  "keep-groups",
  "nnp",
  "reset-env",
  "dump",
  "list-caps",
  "help",
  "version",
];
const SETPRIV: OptionSpec = {
  values: Object.fromEntries(SETPRIV_VALUES.map((n) => [`--${n}`, n])),
  flags: {
    ...Object.fromEntries(SETPRIV_FLAGS.map((n) => [`--${n}`, n])),
    "--no-new-privs": "nnp",
    "-d": "dump",
    "-h": "help",
    "-V": "version",
  },
};
/** What busybox's own setpriv takes (Alpine's build: dump, capabilities). */
const BUSYBOX_SETPRIV = new Set(["dump", "nnp", "inh-caps", "ambient-caps"]);
const SWITCHES = new Set([
  "reuid",
  "regid",
  "ruid",
  "euid",
  "rgid",
  "egid",
  "groups",
  "init-groups",
  "clear-groups",
  "keep-groups",
]);

const APK_RUNUSER = "keep runuser: apk add runuser";
const APK_SETPRIV = "keep util-linux's setpriv: apk add setpriv";
const HOME_NOTE = "HOME becomes the user's home (as gosu and su-exec set it)";

export function runuserForm(args: Word[]): SwitchForm {
  // runuser reads options anywhere before `--`, also after the user or the command.
  const { options, operands, unknown } = readOptions(args, RUNUSER, true);
  const has = (name: string) => options.some((o) => o.name === name);
  const value = (name: string) => options.find((o) => o.name === name)?.value;
  if (unknown.length > 0)
    return declined(
      `runuser reads ${unknown.join(", ")} as its own option${unknown.length > 1 ? "s" : ""} (up to --, after the command too), and alpinize_exec_as has no counterpart`,
      `put -- before the command if the option is the command's, or ${APK_RUNUSER}`,
    );
  // runuser itself refuses these with -u; an option of the command read as runuser's does too.
  if (has("user") && ["login", "shell", "command", "fast"].some(has))
    return declined(
      "runuser refuses -u together with -c, -s, -l or -f (also when they belong to the command: runuser reads options up to --)",
      "put -- before the command, and no -c: runuser -u runs the command directly",
    );
  if (has("login"))
    return declined(
      "-l starts a login shell: it clears the environment, sets PATH and starts in the user's home, which alpinize_exec_as does not",
      `write alpinize_exec_as USER /bin/sh -c 'cd && …' when only the home directory matters (the environment is kept), or ${APK_RUNUSER}`,
    );
  if (has("preserve-environment"))
    return declined(
      "-m/-p keeps the caller's HOME, which alpinize_exec_as sets to the user's",
      `drop -m/-p if the command does not need the caller's HOME, or ${APK_RUNUSER}`,
    );
  const other = ["fast", "pty", "session-command", "whitelist-environment", "help", "version"];
  const odd = other.filter(has);
  if (odd.length > 0)
    return declined(`alpinize_exec_as has no counterpart for --${odd.join(", --")}`, APK_RUNUSER);
  const groups = options.filter((o) => o.name === "group" || o.name === "supp");
  if (groups.length > 1 || (groups.length === 1 && groups[0]!.name === "supp" && has("group")))
    return declined(
      "several -g/-G groups make a supplementary list, while alpinize_exec_as USER:GROUP runs with that group only",
      `add the user to the groups with alpinize_add_user_to_group and run alpinize_exec_as USER CMD, or ${APK_RUNUSER}`,
    );
  const group = groups[0]?.value;
  const user = value("user") ?? operands[0]?.text;
  const numeric = [user, group].find((w) => w !== undefined && /^\d+$/.test(literal(w) ?? ""));
  if (numeric !== undefined)
    return declined(
      `runuser takes user and group names, and fails with the ID ${literal(numeric)}`,
      "write the name, or alpinize_exec_as UID[:GID] CMD, which takes IDs",
    );
  const groupNote = group === undefined ? "" : ` ${GROUP_ONLY}`;
  if (has("user")) {
    if (operands.length === 0)
      return declined(
        "runuser -u without a command has nothing to run",
        "name the command after --",
      );
    return {
      kind: "exec-as",
      user: user!,
      ...(group !== undefined ? { group } : {}),
      command: operands.map((w) => w.text),
      message: `the user's groups as with runuser -u${groupNote}; ${HOME_NOTE}, USER, LOGNAME and SHELL stay as they were`,
    };
  }
  const form = runuserShell(user, value("command"), value("shell"), operands.slice(1), groupNote);
  return form.kind === "exec-as" && group !== undefined ? { ...form, group } : form;
}

const GROUP_ONLY = "(with -g or -G GROUP: that group only, as USER:GROUP)";

/** `runuser USER -c STRING [ARG…]`: the user's shell runs the string. */
function runuserShell(
  user: string | undefined,
  command: string | undefined,
  shell: string | undefined,
  rest: Word[],
  groupNote: string,
): SwitchForm {
  if (user === undefined)
    return declined(
      "runuser without a user runs the command as root",
      "run the command without runuser",
    );
  if (command === undefined)
    return declined(
      "runuser USER without -c starts the user's shell (with the other words as its arguments)",
      `write alpinize_exec_as USER /bin/sh ARGS…, or ${APK_RUNUSER}`,
    );
  const sh = shell ?? "/bin/sh";
  return {
    kind: "exec-as",
    user,
    command: [sh, "-c", command, ...rest.map((w) => w.text)],
    message: `the string runs with ${sh} -c as runuser's -c ran it${shell ? "" : " (runuser used the user's login shell from /etc/passwd)"}, the user's groups${groupNote}; ${HOME_NOTE}, USER, LOGNAME and SHELL stay as they were`,
  };
}

export function setprivForm(args: Word[]): SwitchForm {
  // setpriv stops at its first operand: the rest is the command's.
  const { options, operands, unknown } = readOptions(args, SETPRIV, false);
  const names = options.map((o) => o.name);
  if (!names.some((n) => SWITCHES.has(n))) {
    const missing = [...unknown, ...names.filter((n) => !BUSYBOX_SETPRIV.has(n)).map(long)];
    return { kind: "no-switch", missing };
  }
  if (unknown.length > 0)
    return declined(`alpinize_exec_as has no counterpart for ${unknown.join(", ")}`, APK_SETPRIV);
  const extra = names.filter(
    (n) => !["reuid", "regid", "init-groups", "clear-groups", "nnp"].includes(n),
  );
  if (extra.length > 0)
    return declined(
      `alpinize_exec_as has no counterpart for ${[...new Set(extra)].map(long).join(", ")}`,
      APK_SETPRIV,
    );
  const value = (name: string) => options.find((o) => o.name === name)?.value;
  const user = value("reuid");
  const group = value("regid");
  const modes = names.filter((n) => n === "init-groups" || n === "clear-groups");
  if (user === undefined)
    return declined("without --reuid the command runs as root", "run it without setpriv");
  if (modes.length !== 1)
    return declined(
      modes.length === 0
        ? "without --init-groups or --clear-groups the command keeps root's supplementary groups"
        : "--init-groups and --clear-groups exclude each other",
      `add --clear-groups (that group only) or --init-groups (the user's groups), or ${APK_SETPRIV}`,
    );
  if (operands.length === 0)
    return declined("setpriv without a command has nothing to run", "name the command to run");
  const nnp = names.includes("nnp") ? ["setpriv", "--nnp"] : [];
  const command = [...nnp, ...operands.map((w) => w.text)];
  const nnpNote = nnp.length > 0 ? "; busybox's setpriv (and util-linux's) sets --nnp" : "";
  if (modes[0] === "clear-groups") {
    return {
      kind: "exec-as",
      user,
      group: group ?? "0",
      command,
      message: `--clear-groups: ${group === undefined ? "GID 0 (root's group, as setpriv kept it)" : "that group"} and no supplementary groups, as USER:GROUP gives; ${HOME_NOTE} where setpriv kept the caller's${nnpNote}`,
    };
  }
  // --init-groups gives --regid's group plus the user's: alpinize_exec_as USER gives the same
  // when that group is the user's primary one, which naming it like the user says.
  if (group === undefined || group !== user)
    return declined(
      group === undefined
        ? "--init-groups without --regid keeps GID 0 (root's group) beside the user's groups"
        : `--init-groups with --regid ${group} gives that group beside the user's groups, while alpinize_exec_as USER gives the user's own primary group`,
      `give --regid the user's own group, as written for --reuid, or ${APK_SETPRIV}`,
    );
  return {
    kind: "exec-as",
    user,
    command,
    message: `--init-groups with the group written like the user: the user's primary group and groups, as alpinize_exec_as USER gives (the same when ${group} is the user's primary group); ${HOME_NOTE} where setpriv kept the caller's${nnpNote}`,
  };
}

function declined(reason: string, fix: string): SwitchForm {
  return { kind: "declined", reason, fix };
}

function long(name: string): string {
  return name === "dump" ? "-d" : `--${name}`;
}

/**
 * Options in getopt's way: `-xVALUE`, `-x VALUE`, `--name=VALUE`, `--name VALUE`, clusters of
 * flags, `--` ending them. `permute`: options may follow operands (GNU getopt), else the first
 * operand ends them. A value keeps its shell source, so `--reuid="$U"` gives `"$U"`.
 */
function readOptions(args: Word[], spec: OptionSpec, permute: boolean): ReadOptions {
  const out: ReadOptions = { options: [], operands: [], unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const lit = literal(w.text);
    if (lit === "--") {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!isOption(w.text, lit, spec)) {
      out.operands.push(w);
      if (permute) continue;
      out.operands.push(...args.slice(i + 1));
      break;
    }
    const next = () => {
      const v = args[i + 1];
      if (v) i++;
      return v?.text;
    };
    if (lit === "-" || /^"?--/.test(lit ?? w.text)) readLong(w.text, lit, spec, next, out);
    else readShort(w.text, lit, spec, next, out);
  }
  return out;
}

function isOption(raw: string, lit: string | undefined, spec: OptionSpec): boolean {
  if (lit !== undefined) return lit === "-" ? "-" in spec.flags : lit.startsWith("-");
  return /^-|^"-/.test(raw);
}

function readLong(
  raw: string,
  lit: string | undefined,
  spec: OptionSpec,
  next: () => string | undefined,
  out: ReadOptions,
): void {
  const m = /^"?(--[a-z][a-z-]*|-)(?:=(.*))?$/s.exec(lit ?? raw);
  const written = m?.[1] ?? raw;
  const name = spec.values[written] ?? spec.flags[written];
  if (!m || name === undefined) {
    out.unknown.push(written);
    return;
  }
  const inline = m[2];
  if (written in spec.flags) {
    if (inline === undefined) out.options.push({ name });
    else out.unknown.push(written);
    return;
  }
  const value = inline === undefined ? next() : inlineValue(raw, lit, written);
  if (value === undefined || value === "") out.unknown.push(written);
  else out.options.push({ name, value });
}

/** The text after `--name=` as shell source: `--user=app`, `--user="$U"`, `"--user=$U"`. */
function inlineValue(raw: string, lit: string | undefined, written: string): string | undefined {
  if (lit !== undefined) return shellWord(lit.slice(written.length + 1));
  if (raw.startsWith(`${written}=`)) return raw.slice(written.length + 1);
  const quoted = /^"([^"]*)"$/.exec(raw);
  return quoted ? `"${quoted[1]!.slice(written.length + 1)}"` : undefined;
}

function readShort(
  raw: string,
  lit: string | undefined,
  spec: OptionSpec,
  next: () => string | undefined,
  out: ReadOptions,
): void {
  if (lit === undefined) {
    // -u"$U": a value joined to its option.
    const key = raw.slice(0, 2);
    const name = spec.values[key];
    if (name !== undefined && raw.length > 2) out.options.push({ name, value: raw.slice(2) });
    else out.unknown.push(raw);
    return;
  }
  for (let k = 1; k < lit.length; k++) {
    const key = `-${lit[k]}`;
    const valueName = spec.values[key];
    if (valueName !== undefined) {
      const rest = lit.slice(k + 1);
      const value = rest !== "" ? shellWord(rest) : next();
      if (value === undefined) out.unknown.push(key);
      else out.options.push({ name: valueName, value });
      return;
    }
    const flag = spec.flags[key];
    if (flag !== undefined) out.options.push({ name: flag });
    else out.unknown.push(key);
  }
}
