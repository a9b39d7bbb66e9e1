import { posix } from "node:path";
import { shellWords } from "../dockerfile/words.js";

/**
 * How an ENTRYPOINT or CMD word is run, which decides whether the file it names is a shell script:
 * - `program`: executed by its path (the first word, or the command a wrapper such as tini or
 *   gosu starts), so its `#!` line decides;
 * - `shell`: given to sh, bash, ash, dash or `.` as the file to read: a shell script whatever it
 *   holds;
 * - `operand`: an argument of a program alpinize does not know, which may be a file it reads or
 *   a command it starts: a shell script only when it says so (a shell `#!` line or a `.sh` name).
 * - `read`: an argument of a known interpreter (`node X`, `python3 -u X`, `java -jar X`,
 *   `make -f X`, `nginx -c X`): no shell script, whatever its name or first line.
 */
export type RunHow = "program" | "shell" | "operand" | "read";

/** A word that names a file the container may run, and how. `first`: the instruction's first word. */
export interface RunWord {
  word: string;
  how: RunHow;
  first: boolean;
  /** For an argument (`read`, `operand`): the program's name (`make`, `node`). */
  program?: string;
}

/** Shells that read a script file given as their first operand. */
const SHELLS = new Set(["sh", "bash", "ash", "dash"]);

/** Programs that read the files they are given, never as shell scripts. */
const INTERPRETERS = new Set([
  "node",
  "nodejs",
  "deno",
  "bun",
  "perl",
  "ruby",
  "php",
  "java",
  "make",
  "gmake",
  "nginx",
  "supervisord",
  "httpd",
  "apache2",
  "caddy",
  "lua",
  "Rscript",
  "dotnet",
  "uwsgi",
  "gunicorn",
  "awk",
  "gawk",
  "sed",
]);

/** python, python3, python3.12, pypy3 … */
const PYTHON = /^(?:python|pypy)[\d.]*$/;

/**
 * Programs that start the command their operands name, and how many operands of their own come
 * before it (options aside): `gosu USER cmd`, `timeout 10 cmd`, `tini -- cmd`.
 */
const WRAPPERS = new Map<string, number>([
  ["tini", 0],
  ["tini-static", 0],
  ["dumb-init", 0],
  ["catatonit", 0],
  ["exec", 0],
  ["env", 0],
  ["nice", 0],
  ["nohup", 0],
  ["time", 0],
  ["setsid", 0],
  ["gosu", 1],
  ["su-exec", 1],
  ["s6-setuidgid", 1],
  ["timeout", 1],
]);

/** Options of a wrapper that take the next word as their value. */
const VALUE_OPTIONS = new Set(["-n", "-s", "-k", "-u", "-g", "-C", "--signal", "--kill-after"]);

const OPERATORS = new Set(["&&", "||", ";", "|", "&", "!", "{", "}", "(", ")"]);

const MAX_DEPTH = 4;

/** `words`: the instruction's words (exec form), or its shell-form text split into words. */
export function runWords(words: readonly string[], shellForm: boolean): RunWord[] {
  const out: RunWord[] = [];
  const list = shellForm ? commandsOf(words) : [[...words]];
  for (const [k, command] of list.entries()) readCommand(command, out, 0, k === 0);
  return out;
}

/** A shell-form text's words cut into its commands at `&&`, `;`, `|` … (`a; b` too). */
function commandsOf(words: readonly string[]): string[][] {
  const commands: string[][] = [[]];
  for (const raw of words) {
    const word = raw.endsWith(";") && raw.length > 1 ? raw.slice(0, -1) : raw;
    if (OPERATORS.has(word)) commands.push([]);
    else commands.at(-1)?.push(word);
    if (word !== raw) commands.push([]);
  }
  return commands.filter((c) => c.length > 0);
}

function readCommand(words: string[], out: RunWord[], depth: number, first: boolean): void {
  let k = 0;
  while (k < words.length && /^[A-Za-z_]\w*=/.test(words[k] ?? "")) k++;
  let atFirst = first;
  while (k < words.length) {
    const word = words[k]!;
    const name = posix.basename(word);
    out.push({ word, how: "program", first: atFirst });
    atFirst = false;
    const wrapped = WRAPPERS.get(name);
    if (wrapped === undefined) {
      readArguments(name, words.slice(k + 1), out, depth);
      return;
    }
    k = commandStart(words, k + 1, wrapped, name === "env");
  }
}

/** The arguments of program `name` (no wrapper): a shell's script, or files it reads. */
function readArguments(name: string, args: string[], out: RunWord[], depth: number): void {
  if (SHELLS.has(name)) shellOperands(args, out, depth);
  else if (name === "busybox" && SHELLS.has(args[0] ?? ""))
    shellOperands(args.slice(1), out, depth);
  else if (name === "." || name === "source") {
    if (args[0] !== undefined) out.push({ word: args[0], how: "shell", first: false });
  } else {
    const how = INTERPRETERS.has(name) || PYTHON.test(name) ? "read" : "operand";
    for (const operand of args)
      if (!operand.startsWith("-")) out.push({ word: operand, how, first: false, program: name });
  }
}

/** Where the command a wrapper starts begins: past its options, `--`, and its own operands. */
function commandStart(words: string[], from: number, own: number, env: boolean): number {
  let k = from;
  let left = own;
  while (k < words.length) {
    const word = words[k]!;
    if (word === "--") return k + 1 + left;
    if (word.startsWith("-") && word.length > 1) {
      k += VALUE_OPTIONS.has(word) ? 2 : 1;
    } else if (env && word.includes("=")) {
      k++;
    } else if (left > 0) {
      left--;
      k++;
    } else return k;
  }
  return k;
}

/**
 * What a shell call runs: `-c STRING` a command string (read as commands in turn), otherwise the
 * script file of its first operand (`sh -e /entry.sh`).
 */
function shellOperands(args: string[], out: RunWord[], depth: number): void {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--") {
      const file = args[k + 1];
      if (file !== undefined) out.push({ word: file, how: "shell", first: false });
      return;
    }
    if (a === "-o" || a === "+o") {
      k++;
      continue;
    }
    if (!a.startsWith("-") && !a.startsWith("+")) {
      out.push({ word: a, how: "shell", first: false });
      return;
    }
    if (/^-[A-Za-z]*c/.test(a)) {
      const text = args.slice(k + 1).find((w) => !w.startsWith("-"));
      if (text !== undefined && depth < MAX_DEPTH)
        for (const command of commandsOf(shellWords(text)))
          readCommand(command, out, depth + 1, false);
      return;
    }
    if (/^-[A-Za-z]*s/.test(a)) return;
  }
}
