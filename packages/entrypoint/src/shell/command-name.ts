import { literal, type SimpleCommand } from "./scan.js";

/**
 * Where a simple command's real command name sits: after assignments, `exec` and `command`
 * (which the rewrite can keep in front of a shim call), and after wrappers that run it as a
 * child program (`env A=1`, `nohup`, `timeout 5`, `nice -n 5`, `sudo`), which a shell
 * function cannot be put behind.
 */
export interface CommandName {
  /** Index of the command name in cmd.words. */
  at: number;
  /** The name with an absolute directory dropped (`/usr/sbin/groupadd` is `groupadd`). */
  name: string | undefined;
  exec: boolean;
  /** Index of the first word a replacement starts at: `exec` or `command` when present. */
  first: number;
  /** The wrapper the command runs behind, e.g. `env`, `nohup`, `timeout`. */
  wrapper?: string;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
// Options of each wrapper that take the next word as their value.
const WRAPPERS: Record<string, { value: string[]; operands?: number }> = {
  env: { value: ["-u", "--unset", "-C", "--chdir", "-S", "--split-string"] },
  nohup: { value: [] },
  nice: { value: ["-n", "--adjustment"] },
  timeout: { value: ["-s", "--signal", "-k", "--kill-after"], operands: 1 },
  stdbuf: { value: ["-i", "-o", "-e"] },
  setsid: { value: [] },
  ionice: { value: ["-c", "-n", "-p", "-P", "-u"] },
  chrt: { value: [], operands: 1 },
  sudo: { value: ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-R", "-T"] },
  doas: { value: ["-u", "-C"] },
  // Init wrappers an entrypoint often execs through: they run the rest as their child.
  tini: { value: ["-p", "-e", "-l"] },
  "tini-static": { value: ["-p", "-e", "-l"] },
  "dumb-init": { value: ["-r", "--rewrite"] },
  catatonit: { value: [] },
};

export function commandName(cmd: SimpleCommand): CommandName | undefined {
  let at = cmd.words.findIndex((w) => !ASSIGNMENT.test(w.text));
  if (at < 0) return undefined;
  const first = at;
  let exec = false;
  const word = (i: number) => literal(cmd.words[i]?.text ?? "");
  if (word(at) === "exec" && cmd.words.length > at + 1) {
    exec = true;
    at++;
  }
  // `command -v gosu` asks a question; plain `command gosu …` runs gosu.
  if (word(at) === "command" && cmd.words.length > at + 1 && !word(at + 1)?.startsWith("-")) at++;
  let wrapper: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const w = baseName(word(at));
    const spec = w === undefined ? undefined : WRAPPERS[w];
    if (!spec) break;
    const next = skipWrapper(cmd, at + 1, spec);
    if (next >= cmd.words.length) break;
    wrapper ??= w;
    at = next;
  }
  return { at, name: baseName(word(at)), exec, first, ...(wrapper ? { wrapper } : {}) };
}

function skipWrapper(
  cmd: SimpleCommand,
  from: number,
  spec: { value: string[]; operands?: number },
) {
  let i = from;
  let operands = spec.operands ?? 0;
  while (i < cmd.words.length) {
    const t = literal(cmd.words[i]!.text);
    if (t === undefined) return i;
    if (t === "--") return i + 1;
    if (spec.value.includes(t)) i += 2;
    else if (t.startsWith("-") && t !== "-") i++;
    else if (ASSIGNMENT.test(t)) i++;
    else if (operands > 0) {
      operands--;
      i++;
    } else return i;
  }
  return i;
}

/** `/usr/sbin/groupadd` → `groupadd`; relative paths stay as written. */
export function baseName(name: string | undefined): string | undefined {
  if (name === undefined || !name.startsWith("/")) return name;
  return name.slice(name.lastIndexOf("/") + 1) || undefined;
}
