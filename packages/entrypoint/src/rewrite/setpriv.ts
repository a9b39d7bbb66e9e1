import type { Word } from "../shell/scan.js";
import { type OptionSpec, readOptions } from "./getopt.js";
import { declined, HOME_NOTE, type SwitchForm } from "./switch-form.js";

/** The options that switch user, group or groups: without one, setpriv switches nothing. */
const SWITCH_VALUES = ["reuid", "regid", "ruid", "euid", "rgid", "egid", "groups"];
const SWITCH_FLAGS = ["init-groups", "clear-groups", "keep-groups"];
const SWITCHES = new Set([...SWITCH_VALUES, ...SWITCH_FLAGS]);

const SETPRIV_VALUES = [
  ...SWITCH_VALUES,
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
const SETPRIV_FLAGS = [...SWITCH_FLAGS, "nnp", "reset-env", "dump", "list-caps", "help", "version"];
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

const APK_SETPRIV = "keep util-linux's setpriv: apk add setpriv";

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

function long(name: string): string {
  return name === "dump" ? "-d" : `--${name}`;
}
