import { literal, type Word } from "../shell/scan.js";
import { type OptionSpec, readOptions } from "./getopt.js";
import { declined, HOME_NOTE, type SwitchForm } from "./switch-form.js";

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

const APK_RUNUSER = "keep runuser: apk add runuser";

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
