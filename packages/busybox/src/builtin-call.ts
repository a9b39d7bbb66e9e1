import { unitsValue, wordUnits } from "./shell-word.js";

/**
 * Where the name of shell builtin `builtin` (`echo`, `eval`) is among a simple command's words
 * (as written, quotes included, leading `NAME=value` assignments left out), or undefined when the
 * command does not run that builtin. The shell looks a name up after quote removal, so `\echo`,
 * `"echo"` and `'echo'` run the builtin as `echo` does; so does `command echo` (also `command -p
 * echo`, `command -- echo`, `command command echo`: dash and busybox ash both run their builtin
 * there, measured). `command -v echo` only asks where echo is; `env echo`, `sudo echo` and `exec
 * echo` start the echo program, which reads no escapes without -e on Debian (coreutils) nor on
 * Alpine (busybox).
 */
export function builtinAt(words: readonly string[], builtin: string): number | undefined {
  let k = 0;
  while (k < words.length) {
    const name = literal(words[k]!);
    if (name === builtin) return k;
    if (name !== "command") return undefined;
    k = pastCommandOptions(words, k + 1);
  }
  return undefined;
}

/** The word after `command`'s own options (`-p`, `--`); past the end for an asking option. */
function pastCommandOptions(words: readonly string[], from: number): number {
  let k = from;
  for (; k < words.length; k++) {
    const option = literal(words[k]!);
    if (option === "--") return k + 1;
    if (option === undefined || !option.startsWith("-") || option === "-") return k;
    // `-v`/`-V` (or an option dash refuses) runs nothing.
    if (!/^-p+$/.test(option)) return words.length;
  }
  return k;
}

/** A word's value when every character of it is known before it runs. */
function literal(raw: string): string | undefined {
  const units = wordUnits(raw);
  return units ? unitsValue(units) : undefined;
}
