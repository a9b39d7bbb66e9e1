import { baseName, type ShellCommand } from "../dockerfile/commands.js";

/** `/etc/apt` itself or anything under it: sources.list(.d), apt.conf.d, preferences.d, keyrings. */
const APT_PATH = /^\/etc\/apt(?:\/|$)/;

/** What a command does with /etc/apt; `fails` when it stops the build on Alpine, which has no /etc/apt. */
export interface AptPathUse {
  what: string;
  fails: boolean;
}

/** Options of these tools that take a value (so the value is not an operand). */
const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  sed: ["-e", "-f", "-l", "--expression", "--file", "--line-length"],
  cp: ["-S", "--suffix"],
  mv: ["-S", "--suffix"],
  ln: ["-S", "--suffix"],
  install: ["-m", "-o", "-g", "-S", "--mode", "--owner", "--group", "--suffix"],
  mkdir: ["-m", "--mode"],
  touch: ["-d", "-r", "-t", "--date", "--reference"],
  truncate: ["-s", "-r", "--size", "--reference"],
};
/** Options naming the file a download or a key export is written to. */
const OUTPUT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  curl: ["-o", "--output"],
  wget: ["-O", "--output-document", "-P", "--directory-prefix"],
  gpg: ["-o", "--output", "--keyring"],
};
/** Every operand is a file that must exist, or whose folder must (missing /etc/apt fails them). */
const FILE_TOOLS = new Set(["tee", "cp", "mv", "chmod", "chown", "chgrp", "touch", "truncate"]);

/**
 * How a command touches /etc/apt, if it does: a redirection, `sed` (in place or not: the file is
 * missing either way), `tee`, `cp`/`mv` into or out of it, a download written there, `ln` to it,
 * `rm` without -f, `mkdir`/`install` there. Only words the command gets count, so an `echo` of
 * such a command, or a comment, is not one.
 */
export function aptPathUse(cmd: ShellCommand): AptPathUse | undefined {
  const redirect = cmd.redirects?.find((r) => APT_PATH.test(r));
  if (redirect !== undefined) return { what: `a redirection to ${redirect}`, fails: true };
  const name = baseName(cmd.name);
  const hit = aptOperand(name, cmd.args);
  if (hit === undefined) return undefined;
  if (name === "mkdir" || name === "install") {
    // `mkdir -p`, `install -d`/`-D` make the folders: nothing fails, but it only sets up apt.
    const makes = cmd.args.some((a) =>
      name === "mkdir"
        ? /^-[a-zA-Z]*p/.test(a) || a === "--parents"
        : /^-[a-zA-Z]*[dD]/.test(a) || a === "--directory",
    );
    return { what: `${name} ${hit}`, fails: !makes };
  }
  return { what: `${name} on ${hit}`, fails: true };
}

/** The first /etc/apt path among the words the tool reads or writes as files. */
function aptOperand(name: string, args: readonly string[]): string | undefined {
  const output = OUTPUT_OPTIONS[name];
  if (output) return optionValues(args, output).find((v) => APT_PATH.test(v));
  if (name === "rm") {
    if (args.some((a) => /^-[a-zA-Z]*f/.test(a) || a === "--force")) return undefined;
    return operands(name, args).find((v) => APT_PATH.test(v));
  }
  if (name === "sed") return sedFiles(args).find((v) => APT_PATH.test(v));
  if (name === "ln") {
    // Only where the link goes: a link may point at a file that does not exist.
    const words = operands(name, args);
    const target = optionValues(args, ["-t", "--target-directory"]);
    return [...target, words.at(-1) ?? ""].find((v) => APT_PATH.test(v));
  }
  if (FILE_TOOLS.has(name) || name === "mkdir" || name === "install") {
    const target = optionValues(args, ["-t", "--target-directory"]);
    return [...target, ...operands(name, args)].find((v) => APT_PATH.test(v));
  }
  return undefined;
}

/** The words that are not options or option values. */
function operands(name: string, args: readonly string[]): string[] {
  const valued = VALUE_OPTIONS[name] ?? [];
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--") {
      out.push(...args.slice(k + 1));
      break;
    }
    if (valued.includes(a) || a === "-t" || a === "--target-directory") k++;
    else if (!a.startsWith("-") || a === "-") out.push(a);
  }
  return out;
}

/** sed's files: every operand after the script (all of them when -e/-f gave the script). */
function sedFiles(args: readonly string[]): string[] {
  const words = operands("sed", args);
  const scripted = args.some(
    (a) => /^(?:-e|-f|--expression|--file)(?:=|$)/.test(a) || /^-[a-zA-Z]*[ef]$/.test(a),
  );
  return scripted ? words : words.slice(1);
}

/** Values of the options (`-o F`, `-fsSLo F`, `-oF`, `--output F`, `--output=F`). */
function optionValues(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((a, k) => {
    const next = args[k + 1];
    for (const n of names) {
      if (n.startsWith("--")) {
        if (a === n && next !== undefined) out.push(next);
        else if (a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      } else if (/^-[a-zA-Z]*$/.test(a) && a.endsWith(n[1]!) && next !== undefined) {
        out.push(next);
      } else if (a.startsWith(n) && a.length > n.length) out.push(a.slice(n.length));
    }
  });
  return out;
}
