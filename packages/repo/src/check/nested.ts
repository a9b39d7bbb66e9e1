import { guardOf, type ShellCommand, scanCommands } from "../dockerfile/commands.js";

/**
 * Commands a RUN runs that the light scan does not reach on its own: bodies of `sh -ec '…'`
 * (options clustered with -c), `eval "…"`, `su -c "…"`, and `find … -exec CMD … ;`. Each comes
 * back with the commands found inside it, at the outer command's offset.
 */
export function withNested(commands: ShellCommand[], depth = 0): ShellCommand[] {
  if (depth > 3) return commands;
  const out: ShellCommand[] = [];
  for (const cmd of commands) {
    out.push(cmd);
    const inner = nestedOf(cmd, depth > 0);
    if (inner.length === 0) continue;
    const placed = inner.map((c) => ({ ...c, offset: cmd.offset, ...guardOf(cmd) }));
    out.push(...withNested(placed, depth + 1));
  }
  return out;
}

/** `built`: the command came from this module (find -exec), so the scan never saw its `-c`. */
function nestedOf(cmd: ShellCommand, built: boolean): ShellCommand[] {
  const name = cmd.name.slice(cmd.name.lastIndexOf("/") + 1);
  if (/^(?:ba|da|a|z|k|mk)?sh$/.test(name)) return shellBody(cmd.args, built);
  if (name === "eval") return scanCommands(cmd.args.join(" "));
  if (name === "su" || name === "runuser") return suBody(cmd.args);
  if (name === "find") return findExec(cmd.args);
  return [];
}

/** `-ec BODY`, `-euxc BODY`, `-lc BODY`: the plain `-c` form is already scanned (unless built). */
function shellBody(args: string[], built: boolean): ShellCommand[] {
  if (args.includes("-c") && !built) return [];
  const at = args.findIndex((a) => /^-[A-Za-z]*c[A-Za-z]*$/.test(a));
  if (at < 0) return [];
  const body = args.slice(at + 1).find((a) => !/^[-+][A-Za-z]+$/.test(a));
  return body === undefined ? [] : scanCommands(body);
}

function suBody(args: string[]): ShellCommand[] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === "-c" || a === "--command") && args[i + 1] !== undefined)
      return scanCommands(args[i + 1]!);
    if (a.startsWith("--command=")) return scanCommands(a.slice("--command=".length));
  }
  return [];
}

/** Each `-exec`/`-execdir`/`-ok` command up to its `;` or `+`. */
function findExec(args: string[]): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!/^-(?:exec|execdir|ok|okdir)$/.test(args[i]!)) continue;
    const end = args.findIndex((a, k) => k > i && (a === ";" || a === "+"));
    const words = args.slice(i + 1, end < 0 ? undefined : end);
    const [name, ...rest] = words;
    if (name !== undefined) out.push({ name, args: rest, assignments: [], offset: 0 });
    if (end < 0) break;
    i = end;
  }
  return out;
}
