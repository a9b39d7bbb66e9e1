import type { Instruction } from "../parse/types.js";
import { parseScript, simpleCommands } from "../shell/script.js";
import { execWords } from "./exec-words.js";

/** A program an ENTRYPOINT/CMD starts, and where its name is in the instruction's argument text. */
export interface StartedCall {
  name: string;
  /** Index in `ins.args.text` (map it to the source with `sourceSpan`). */
  at: number;
}

/** Command names an ENTRYPOINT/CMD starts: the program, and the commands of a `sh -c` string. */
export function startedCommands(ins: Instruction): string[] {
  return startedCalls(ins).map((c) => c.name);
}

/**
 * What an ENTRYPOINT/CMD starts, with positions: an exec form's program (past tini, gosu and the
 * like), every command of the script an exec-form `sh -c` / `bash -lc` runs, and every command of a
 * shell form (which Docker runs through `/bin/sh -c` itself).
 */
export function startedCalls(ins: Instruction): StartedCall[] {
  if (ins.form !== "exec") return scriptCalls(ins.args.text, (k) => k);
  const words = execWords(ins.args.text);
  if (!words) return [];
  const rest = words.slice(words.length - unwrapStarter(words.map((w) => w.value)).length);
  const first = rest[0];
  if (first === undefined) return [];
  const program = baseName(first.value);
  if (/^(?:ba|da|a)?sh$/.test(program)) {
    const k = shellScriptIndex(rest.map((w) => w.value));
    const script = k === undefined ? undefined : rest[k];
    if (script) return scriptCalls(script.value, (i) => script.at[i] ?? script.start);
  }
  return valid(program) ? [{ name: program, at: first.start }] : [];
}

/**
 * Index of the script string in `sh [options] -c SCRIPT …`: the `-c` may sit in a cluster
 * (`-lc`, `-euxc`) and come after other options (`-o pipefail`, `--login`). Undefined for
 * `sh script.sh`, which runs a file and no string.
 */
function shellScriptIndex(words: readonly string[]): number | undefined {
  let command = false;
  for (let k = 1; k < words.length; k++) {
    const w = words[k]!;
    if (w === "--") return command ? k + 1 : undefined;
    if (command && !/^[-+]/.test(w)) return k;
    if (w === "-o" || w === "+o") k++;
    else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(w)) command = true;
    else if (!/^(?:[-+][A-Za-z]+|--[a-z][a-z-]*)$/.test(w)) return undefined;
  }
  return undefined;
}

/** The commands a shell script runs, `at` mapping a script offset to an argument-text index. */
function scriptCalls(script: string, at: (offset: number) => number): StartedCall[] {
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
    const word = c.args[skipped];
    const name = word === undefined ? "" : baseName(word.value ?? word.raw);
    if (word && valid(name)) out.push({ name, at: at(word.start) });
  }
  return out;
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
function unwrapStarter(words: readonly string[]): readonly string[] {
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
