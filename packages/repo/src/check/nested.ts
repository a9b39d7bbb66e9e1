import { shellScriptIndex } from "@alpinize/dockerfile";
import { guardOf, placedInside, type ShellCommand, scanCommands } from "../dockerfile/commands.js";

/**
 * Commands a RUN runs that the light scan does not reach on its own: `eval "…"`, `su -c "…"`,
 * and `find … -exec CMD … ;` (a `sh -c '…'` it runs included). Each comes
 * back with the commands found inside it, at the outer command's offset.
 */
export function withNested(commands: ShellCommand[], depth = 0): ShellCommand[] {
  if (depth > 3) return commands;
  const out: ShellCommand[] = [];
  for (const cmd of commands) {
    out.push(cmd);
    const { text, commands: inner } = nestedOf(cmd);
    if (inner.length === 0) continue;
    // A find -exec command has no text of its own: it is placed at find, in find's stretches.
    const placed = inner.map((c) =>
      text === undefined
        ? { ...c, offset: cmd.offset, ...guardOf(cmd) }
        : placedInside(c, text, cmd),
    );
    // One by one: a spread of a million nested commands into push overflows the stack.
    for (const c of withNested(placed, depth + 1)) out.push(c);
  }
  return out;
}

/** The commands nested in `cmd`, with the string they were read from where there is one. */
function nestedOf(cmd: ShellCommand): { text?: string; commands: ShellCommand[] } {
  const name = cmd.name.slice(cmd.name.lastIndexOf("/") + 1);
  const read = (text: string | undefined) =>
    text === undefined ? { commands: [] } : { text, commands: scanCommands(text) };
  if (name === "eval") return read(cmd.args.join(" "));
  if (name === "su" || name === "runuser") return read(suBody(cmd.args));
  if (name === "find") return { commands: findExec(cmd.args) };
  return { commands: [] };
}

/** The script of a `sh -ec BODY` find -exec runs: the scan reads those of the shells it finds itself. */
function shellBody(cmd: ShellCommand): ShellCommand[] {
  const script = shellScriptIndex([cmd.name, ...cmd.args]);
  const body = script === undefined ? undefined : cmd.args[script - 1];
  return body === undefined ? [] : scanCommands(body);
}

/** The script of `su -c SCRIPT`, `--command=SCRIPT`. */
function suBody(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === "-c" || a === "--command") && args[i + 1] !== undefined) return args[i + 1]!;
    if (a.startsWith("--command=")) return a.slice("--command=".length);
  }
  return undefined;
}

/** Each `-exec`/`-execdir`/`-ok` command up to its `;` or `+`. */
function findExec(args: string[]): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!/^-(?:exec|execdir|ok|okdir)$/.test(args[i]!)) continue;
    const end = args.findIndex((a, k) => k > i && (a === ";" || a === "+"));
    const words = args.slice(i + 1, end < 0 ? undefined : end);
    const [name, ...rest] = words;
    if (name !== undefined) {
      const found = { name, args: rest, assignments: [], offset: 0 };
      out.push(found);
      for (const c of shellBody(found)) out.push(c);
    }
    if (end < 0) break;
    i = end;
  }
  return out;
}
