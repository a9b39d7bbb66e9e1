import { baseName, type ShellCommand, scanCommands } from "../dockerfile/commands.js";
import { withoutInlinedShims } from "../lint-script.js";
import { lineIndex } from "./line-index.js";
import { withNested } from "./nested.js";

/** The programs an entrypoint drops privileges with, and the shim that runs one of them. */
export type ExecTool = "alpinize_exec_as" | "su-exec" | "gosu" | "runuser" | "setpriv";

/** A call that needs one of `anyOf` in the image. */
export interface ExecNeed {
  tool: ExecTool;
  line: number;
  anyOf: readonly string[];
}

const DIRECT = new Set<string>(["su-exec", "gosu", "runuser", "setpriv"]);
/** alpinize_exec_as runs su-exec, else gosu, else util-linux setpriv. */
export const EXEC_AS_BACKENDS: readonly string[] = ["su-exec", "gosu", "setpriv"];
/** `command -v gosu`, `which su-exec`: a script that looks first runs whichever it finds. */
const PROBES = new Set(["command", "which", "type", "hash"]);
/** Options busybox's own setpriv takes (Alpine 3.2x); any other needs util-linux's. */
const BUSYBOX_SETPRIV = /^(?:-d|--dump|--nnp|--no-new-privs|--(?:inh|ambient)-caps(?:=.*)?)$/;
const SETPRIV_VALUE = new Set(["--inh-caps", "--ambient-caps"]);

/**
 * The calls of a script (an inlined copy of the shims left out: it probes for every tool on
 * purpose) that need a privilege-dropping tool in the image. A script that probes for such tools
 * itself (`command -v su-exec`) is taken to run whichever it finds: its direct calls are one need,
 * met by any tool it names.
 */
export function execNeeds(text: string): ExecNeed[] {
  const script = withoutInlinedShims(text);
  const commands = withNested(scanCommands(script));
  const probed = probedTools(commands);
  const lineOf = lineIndex(script);
  const needs: ExecNeed[] = [];
  for (const cmd of commands) {
    const viaSet = setTool(cmd);
    const name = viaSet ?? baseName(cmd.name);
    if (probed.calls.has(cmd)) continue;
    const { line } = lineOf(cmd.offset);
    const args = viaSet ? cmd.args.slice(2) : cmd.args;
    if (name === "alpinize_exec_as") needs.push({ tool: name, line, anyOf: EXEC_AS_BACKENDS });
    else if (DIRECT.has(name) && !(name === "setpriv" && busyboxSetpriv(args)))
      needs.push({ tool: name as ExecTool, line, anyOf: [name] });
  }
  if (probed.tools.size === 0) return needs;
  const either = [...new Set([...needs.flatMap((n) => n.anyOf), ...probed.tools])];
  return needs.map((n) => (n.tool === "alpinize_exec_as" ? n : { ...n, anyOf: either }));
}

/** The tools a script looks for, and the commands the scan made of `command -v NAME`. */
function probedTools(commands: readonly ShellCommand[]): {
  tools: Set<string>;
  calls: Set<ShellCommand>;
} {
  const tools = new Set<string>();
  const calls = new Set<ShellCommand>();
  // Looked up by offset: walking every command for each probe was quadratic in a long script.
  const atOffset = new Map<number, ShellCommand[]>();
  for (const cmd of commands) {
    const same = atOffset.get(cmd.offset);
    if (same) same.push(cmd);
    else atOffset.set(cmd.offset, [cmd]);
  }
  for (const cmd of commands) {
    if (!PROBES.has(baseName(cmd.name))) continue;
    const words = cmd.args.filter((a) => !a.startsWith("-"));
    if (cmd.name === "command" && !cmd.args.some((a) => /^-[vV]$/.test(a))) continue;
    for (const w of words) if (DIRECT.has(baseName(w))) tools.add(baseName(w));
    // The light scan reads `command -v gosu` as a wrapper running gosu: that is no call.
    for (const other of atOffset.get(cmd.offset) ?? [])
      if (other !== cmd && words.includes(other.name)) calls.add(other);
  }
  return { tools, calls };
}

/** `set -- su-exec USER "$@"` … `exec "$@"`: the tool runs when the positional parameters do. */
function setTool(cmd: ShellCommand): string | undefined {
  if (cmd.name !== "set" || cmd.args[0] !== "--") return undefined;
  const tool = baseName(cmd.args[1] ?? "");
  return DIRECT.has(tool) ? tool : undefined;
}

/** setpriv with only the options busybox's applet has (`--nnp`, capabilities) works without util-linux. */
function busyboxSetpriv(args: readonly string[]): boolean {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--" || !a.startsWith("-")) return true;
    if (!BUSYBOX_SETPRIV.test(a)) return false;
    if (SETPRIV_VALUE.has(a)) k++;
  }
  return true;
}
