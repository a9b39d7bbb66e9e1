import { pipeGuards } from "./stream-filters.js";

/**
 * What a command's name and words say of how it ends, shared by migrate's reading of `||` guards
 * and `alpinize check`'s, so the two agree on which failures a `||` catches.
 */

/**
 * Commands that exit 0 whatever their arguments, and busybox's adduser/addgroup: `useradd app ||
 * adduser -D app` is a fallback whose own options the busybox rules judge, not a failure left.
 */
export const ALWAYS_SUCCEED: ReadonlySet<string> = new Set([
  "true",
  ":",
  "echo",
  "printf",
  "adduser",
  "addgroup",
]);

/** `${x?msg}` and `${x:?msg}` exit the shell when x is unset; `$((1/0))` when it divides by zero. */
export const MAY_EXIT = /\$\{[^}]*\?|\$\(\(/;

/** Builtins that may end the shell or change how the rest runs. */
export const MAY_END: ReadonlySet<string> = new Set([
  "exit",
  "return",
  "exec",
  ".",
  "source",
  "eval",
  "set",
  "break",
  "continue",
]);

/** What a script or its shell sets that changes how its commands end. */
export interface ShellOptions {
  /** A pipeline fails when any stage does. */
  pipefail: boolean;
  /** Expanding an unset parameter exits the shell. */
  nounset: boolean;
  /** A variable may be read-only (`readonly X`): assigning it exits the shell. */
  readonly?: boolean;
}

/** What stands between a shell's words as written: blanks, quotes, a SHELL array's `", "`. */
const GAP = String.raw`["',\s\\]+`;

/**
 * `-u` among the options of `set` or of a shell run by name, before its first other word:
 * `set -eu`, `set -e -u`, `sh -u -c '…'`, `bash -o pipefail -euc …`, and a SHELL array's
 * `"/bin/sh", "-u", "-c"` or `"-uc"`. `-o nounset` is found by its name.
 */
const NOUNSET = new RegExp(
  String.raw`(?<![\w.-])(?:set|(?:ba|da|a|z|k|mk)?sh)(?:${GAP}(?:[-+]o${GAP}\w+|[-+][a-zA-Z]+))*?${GAP}-[a-zA-Z]*u[a-zA-Z]*(?![\w-])|nounset`,
);

/**
 * The options `text` may set (a Dockerfile, or a script): `pipefail` or `nounset` anywhere in it
 * counts, whatever runs it (fail closed: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`,
 * `SHELL ["/bin/sh", "-u", "-c"]` and `sh -u -c '…'` too).
 */
export function shellOptions(text: string): ShellOptions {
  return {
    pipefail: text.includes("pipefail"),
    nounset: NOUNSET.test(text),
    readonly: READONLY.test(text),
  };
}

/** `readonly X`, bash's `declare -r`, `typeset -r`, `local -r`: found in the text, as set -u is. */
const READONLY = /(?<![\w-])readonly(?![\w-])|(?<![\w-])(?:declare|typeset|local)\s+-[a-zA-Z]*r/;

/** A parameter expansion (`$x`, `${x}`, `$1`): under `set -u` it exits the shell when unset. */
const PARAMETER = /\$(?:[A-Za-z_{]|[1-9])/;

/** Whether a word may exit the shell when expanded (`${x?}`, `$((1/0))`, `$x` under set -u). */
export function mayExit(word: string, nounset: boolean): boolean {
  return mayExitWord(word) || (nounset && PARAMETER.test(word));
}

/**
 * What {@link MAY_EXIT} matches, in one pass: a `?` after a `${` with no `}` between, or `$((`.
 * The pattern tried each `${` up to the next `}`, so `${a:-${a:-…}}` n deep took n² steps.
 */
function mayExitWord(word: string): boolean {
  let open = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === "}") open = false;
    else if (c === "?" && open) return true;
    else if (c === "$" && word[i + 1] === "{") {
      open = true;
      i++;
    } else if (c === "$" && word[i + 1] === "(" && word[i + 2] === "(") return true;
  }
  return false;
}

/** Commands that exit non-zero whatever their arguments: `! false` succeeds. */
export const ALWAYS_FAIL: ReadonlySet<string> = new Set(["false"]);

/** A word eval reads back as the same word: no quote, expansion, glob or operator in it. */
const PLAIN_WORD = /^[A-Za-z0-9_.,:/@%+-]+$/;

/** A word that is only a substitution running `true` or `:`: it expands to no command at all. */
const EMPTY_SUBSTITUTION = /^(?:\$\(\s*(?:true|:)\s*\)|`\s*(?:true|:)\s*`)$/;

/**
 * Whether a command exits 0 whatever it is given, `name` its base name, `words` what follows it
 * (redirections and `${x?}` judged by the caller): ALWAYS_SUCCEED; `cat` with no operand and `tee`
 * writing only to /dev/null (pipeGuards: `head`, `sort`, `tee /tmp/log` exit 0 too, but the gates
 * read them as no guard); `eval true`, `eval echo x`, whose plain words
 * read back as such a command; and `$(true)` alone, which runs no command and leaves the
 * substitution's status, 0. Anything else may fail (busybox sh, checked in OR_GUARD_FORMS).
 */
export function alwaysSucceeds(name: string, words: readonly string[]): boolean {
  if (ALWAYS_SUCCEED.has(name)) return true;
  const filter = pipeGuards(name, words);
  if (filter !== undefined) return filter;
  if (name === "eval") return EVAL_OK.has(words[0] ?? "") && words.every((w) => PLAIN_WORD.test(w));
  return words.length === 0 && EMPTY_SUBSTITUTION.test(name);
}

/** What `eval` may run for alwaysSucceeds: busybox's adduser/addgroup are judged elsewhere. */
const EVAL_OK: ReadonlySet<string> = new Set(["true", ":", "echo"]);
