import { posix } from "node:path";
import { shellWords } from "../dockerfile/words.js";
import { makefileWords } from "./make-words.js";
import { WRAPPERS, wrappedCommands } from "./wrapper-options.js";

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

/** Shells that read a script file given as their first operand (also a `#!` line's program). */
export const SHELLS: ReadonlySet<string> = new Set(["sh", "bash", "ash", "dash"]);

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

const MAKE = new Set(["make", "gmake"]);

/** python, python3, python3.12, pypy3 … */
const PYTHON = /^(?:python|pypy)[\d.]*$/;

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
  const word = words[k];
  if (word === undefined) return;
  const name = posix.basename(word);
  out.push({ word, how: "program", first });
  const wrapper = WRAPPERS.get(name);
  if (wrapper === undefined) readArguments(name, words.slice(k + 1), out, depth);
  else
    for (const command of wrappedCommands(wrapper, words.slice(k + 1)))
      readCommand(command, out, depth, false);
}

/** The arguments of program `name` (no wrapper): a shell's script, or files it reads. */
function readArguments(name: string, args: string[], out: RunWord[], depth: number): void {
  if (SHELLS.has(name)) shellOperands(args, out, depth);
  else if (name === "busybox" && SHELLS.has(args[0] ?? ""))
    shellOperands(args.slice(1), out, depth);
  else if (name === "." || name === "source") {
    if (args[0] !== undefined) out.push({ word: args[0], how: "shell", first: false });
  } else {
    const makefiles = MAKE.has(name) ? makefileWords(args) : [];
    for (const word of makefiles) out.push({ word, how: "read", first: false, program: name });
    const how = INTERPRETERS.has(name) || PYTHON.test(name) ? "read" : "operand";
    for (const operand of args)
      if (!operand.startsWith("-") && !makefiles.includes(operand))
        out.push({ word: operand, how, first: false, program: name });
  }
}

/** bash's long options that take the next word as their value. */
const SHELL_LONG_VALUES = new Set(["--rcfile", "--init-file"]);

/**
 * What a shell call runs: `-c STRING` a command string (read as commands in turn), `-s` its
 * standard input, otherwise the script file of its first operand (`sh -e /entry.sh`). Options
 * come first; each `o`/`O` letter (`-o pipefail`, `-eo pipefail`, `-O extglob`, `+O x`) and
 * `--rcfile`/`--init-file` take the next word.
 */
function shellOperands(args: string[], out: RunWord[], depth: number): void {
  let mode: "file" | "command" | "stdin" = "file";
  let k = 0;
  while (k < args.length) {
    const a = args[k]!;
    if (a === "--" || a === "-") {
      k++;
      break;
    }
    if (a.startsWith("--")) k += SHELL_LONG_VALUES.has(a) ? 2 : 1;
    else if (/^[-+][A-Za-z]+$/.test(a)) {
      const letters = a.slice(1);
      if (a.startsWith("-") && letters.includes("c")) mode = "command";
      else if (a.startsWith("-") && letters.includes("s") && mode === "file") mode = "stdin";
      k += 1 + (letters.match(/[oO]/g)?.length ?? 0);
    } else break;
  }
  const operand = args[k];
  if (operand === undefined || mode === "stdin") return;
  if (mode === "file") {
    out.push({ word: operand, how: "shell", first: false });
    return;
  }
  if (depth < MAX_DEPTH)
    for (const command of commandsOf(shellWords(operand)))
      readCommand(command, out, depth + 1, false);
}
