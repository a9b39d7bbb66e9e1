import type { Instruction } from "../parse/types.js";
import { parseScript, simpleCommands } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { execWords } from "./exec-words.js";

/** A program an ENTRYPOINT/CMD starts, and where its name is in the instruction's argument text. */
export interface StartedCall {
  name: string;
  /** Index in `ins.args.text` (map it to the source with `sourceSpan`). */
  at: number;
  /** The words after the program, undefined where one is not literal (`$X`, `"$@"`). */
  args: (string | undefined)[];
  /**
   * Index in `ins.args.text` right after the name's last character, when the name is written
   * there as it reads (no escape or quote inside it); undefined otherwise.
   */
  nameEnd?: number;
}

/** Command names an ENTRYPOINT/CMD starts: the program, and the commands of a `sh -c` string. */
export function startedCommands(ins: Instruction): string[] {
  return startedCalls(ins).map((c) => c.name);
}

/**
 * What an ENTRYPOINT/CMD starts, with positions: an exec form's program (past tini, gosu and the
 * like), every command of the script an exec-form `sh -c` / `bash -lc` runs, and every command of a
 * shell form (which Docker runs through `/bin/sh -c` itself), a `sh -c "…"` there included.
 */
export function startedCalls(ins: Instruction): StartedCall[] {
  if (ins.form !== "exec") return scriptCalls(ins.args.text, (k) => k, 0);
  const words = execWords(ins.args.text);
  if (!words) return [];
  const rest = words.slice(words.length - unwrapStarter(words.map((w) => w.value)).length);
  const first = rest[0];
  if (first === undefined) return [];
  const k = shellScriptIndex(rest.map((w) => w.value));
  const script = k === undefined ? undefined : rest[k];
  if (script) return scriptCalls(script.value, (i) => script.at[i] ?? script.start, 0);
  const program = baseName(first.value);
  if (!valid(program)) return [];
  const args = rest.slice(1).map((w) => w.value);
  const last = first.at[first.value.length - 1];
  const end = last === undefined ? undefined : last + 1;
  const from = end === undefined ? undefined : end - program.length;
  const literal = from !== undefined && ins.args.text.slice(from, end) === program;
  return [{ name: program, at: first.start, args, ...(literal ? { nameEnd: end } : {}) }];
}

/** sh, bash, ash, dash, zsh, ksh, mksh: shells whose `-c` takes a script string. */
const SHELL = /^(?:ba|da|a|z|k|mk)?sh$/;

/**
 * Index in `words` (a command's name, then its arguments) of the script string a shell is given
 * in `sh [options] -c SCRIPT …`, the shell called by any path. The `-c` may sit in a cluster
 * (`-lc`, `-euxc`) and come after other options; `-o pipefail`, `-eo pipefail`, `-O extglob`
 * and `--rcfile FILE` take the next word. Undefined for another command, for `sh script.sh`
 * (which runs a file, no string) and for a `-c` with no string after it.
 */
export function shellScriptIndex(words: readonly string[]): number | undefined {
  if (words[0] === undefined || !SHELL.test(baseName(words[0]))) return undefined;
  let command = false;
  for (let k = 1; k < words.length; k++) {
    const w = words[k]!;
    if (w === "--") return command && k + 1 < words.length ? k + 1 : undefined;
    if (command && !/^[-+]/.test(w)) return k;
    if (/^[-+][A-Za-z]+$/.test(w)) {
      if (w.startsWith("-") && w.includes("c")) command = true;
      if (/[oO]/.test(w)) k++;
    } else if (w === "--rcfile" || w === "--init-file") k++;
    else if (!/^--[a-z][a-z-]*$/.test(w)) return undefined;
  }
  return undefined;
}

/**
 * The commands a shell script runs, `at` mapping a script offset to an argument-text index. A
 * command that is itself a shell given a script (`sh -c "php-fpm8.2 -F"`) stands for the commands
 * of that script, as in the exec form.
 */
function scriptCalls(script: string, at: (offset: number) => number, depth: number): StartedCall[] {
  let commands: ReturnType<typeof simpleCommands>;
  try {
    commands = simpleCommands(parseScript(script));
  } catch {
    return [];
  }
  const out: StartedCall[] = [];
  for (const c of commands) {
    const words = c.args.map((a) => a.value ?? a.raw);
    const skipped = words.length - unwrapStarter(words).length;
    const inner = depth < 3 ? shellScriptIndex(words.slice(skipped)) : undefined;
    const body = inner === undefined ? undefined : c.args[skipped + inner];
    if (body?.value !== undefined) {
      const from = valueStart(body);
      out.push(
        ...scriptCalls(
          body.value,
          (i) => at(from === undefined ? body.start : from + i),
          depth + 1,
        ),
      );
      continue;
    }
    const word = c.args[skipped];
    const name = word === undefined ? "" : baseName(word.value ?? word.raw);
    if (!word || !valid(name)) continue;
    const args = c.args.slice(skipped + 1).map((a) => a.value);
    const from = valueStart(word);
    const call: StartedCall = { name, at: at(word.start), args };
    // Only where each character maps one to one (a bare or whole-quoted word).
    if (from !== undefined && word.value !== undefined)
      call.nameEnd = at(from + word.value.length - 1) + 1;
    out.push(call);
  }
  return out;
}

/**
 * Script offset of a word's first value character, when each value character sits at the same
 * distance from it (a bare word, or one quoted whole with nothing escaped); undefined otherwise.
 */
function valueStart(word: Word): number | undefined {
  const { raw, value } = word;
  if (raw === value) return word.start;
  const quote = raw[0];
  if ((quote === "'" || quote === '"') && raw === `${quote}${value}${quote}`) return word.start + 1;
  return undefined;
}

function baseName(word: string): string {
  return word.replace(/^.*\//, "");
}

function valid(name: string): boolean {
  return /^[\w.+-]+$/.test(name);
}

/** Init and privilege wrappers an ENTRYPOINT starts the real program through. */
const STARTERS: Readonly<Record<string, number>> = {
  // name → how many operands (a user) come before the program
  tini: 0,
  "tini-static": 0,
  "dumb-init": 0,
  nice: 0,
  nohup: 0,
  exec: 0,
  env: 0,
  "su-exec": 1,
  gosu: 1,
};

/** `["tini", "--", "xvfb-run", …]` → `["xvfb-run", …]`: the words from the program a wrapper starts. */
export function unwrapStarter(words: readonly string[]): readonly string[] {
  let rest = words;
  for (let depth = 0; depth < 4; depth++) {
    const name = rest[0]?.replace(/^.*\//, "");
    const skip = name === undefined ? undefined : STARTERS[name];
    if (skip === undefined) return rest;
    let k = 1;
    while (
      k < rest.length &&
      (rest[k]!.startsWith("-") || (name === "env" && /^\w+=/.test(rest[k]!)))
    ) {
      k++;
      if (rest[k - 1] === "--") break;
    }
    rest = rest.slice(k + skip);
  }
  return rest;
}
