import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import type { Rejected } from "./gnu-tools.js";

/** A word of a command and the busybox spelling that replaces it. */
export interface BusyboxRewrite {
  word: Word;
  text: string;
}

/**
 * GNU long options busybox rejects but accepts as a short option with the same meaning (from
 * the applets' usage). `""` drops the option: `--strict`, because busybox's `-c` already fails
 * on badly formatted lines.
 */
const SUM = { check: "c", status: "s", strict: "" };
const SHORT_FOR: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  rm: { recursive: "r", force: "f" },
  chmod: { recursive: "R", verbose: "v", changes: "c" },
  ln: {
    symbolic: "s",
    force: "f",
    "no-dereference": "n",
    verbose: "v",
    "no-target-directory": "T",
    "target-directory": "t",
    backup: "b",
  },
  ls: { all: "a", "almost-all": "A", long: "l", "human-readable": "h" },
  id: { user: "u", group: "g", groups: "G", name: "n", real: "r" },
  timeout: { signal: "s", "kill-after": "k" },
  cmp: { silent: "s", quiet: "s", verbose: "l" },
  seq: { separator: "s", "equal-width": "w" },
  tr: { delete: "d", "squeeze-repeats": "s", complement: "c" },
  base64: { decode: "d", wrap: "w" },
  basename: { suffix: "s", multiple: "a" },
  head: { lines: "n", bytes: "c", quiet: "q" },
  tail: { lines: "n", bytes: "c" },
  sort: {
    unique: "u",
    reverse: "r",
    "version-sort": "V",
    "numeric-sort": "n",
    "field-separator": "t",
    key: "k",
    stable: "s",
    output: "o",
    "zero-terminated": "z",
    "ignore-case": "f",
    "dictionary-order": "d",
    "general-numeric-sort": "g",
    "month-sort": "M",
    check: "c",
    "ignore-leading-blanks": "b",
  },
  gzip: { decompress: "d", keep: "k" },
  gunzip: { keep: "k" },
  cut: { delimiter: "d", fields: "f", characters: "c", "only-delimited": "s" },
  stat: { format: "c", dereference: "L", terse: "t" },
  readlink: { canonicalize: "f", "no-newline": "n" },
  du: { summarize: "s", "human-readable": "h", "max-depth": "d" },
  uniq: { count: "c", repeated: "d", unique: "u" },
  wc: { lines: "l", bytes: "c", chars: "m", words: "w" },
  md5sum: SUM,
  sha1sum: SUM,
  sha256sum: SUM,
  sha512sum: SUM,
  tee: { append: "a" },
  xargs: { null: "0", "max-args": "n", "arg-file": "a", "max-procs": "P", verbose: "t" },
  grep: {
    quiet: "q",
    silent: "q",
    "extended-regexp": "E",
    "fixed-strings": "F",
    "ignore-case": "i",
    "invert-match": "v",
    recursive: "r",
    "files-with-matches": "l",
    count: "c",
    "only-matching": "o",
    "line-number": "n",
    "no-filename": "h",
    "with-filename": "H",
    "word-regexp": "w",
    "line-regexp": "x",
    "max-count": "m",
    regexp: "e",
    file: "f",
    "after-context": "A",
    "before-context": "B",
    context: "C",
    "no-messages": "s",
  },
  tar: { "keep-old-files": "k" },
  su: { login: "l", command: "c", shell: "s", "preserve-environment": "p" },
};

/** A value that needs no quoting once it stands on its own after a short option. */
const PLAIN = /^[\w.,:/@%+=-]+$/;

/**
 * The busybox spelling of a call whose rejected options are all long ones with a short twin;
 * undefined when any of them has none (the GNU package is the answer then).
 */
export function busyboxSpelling(
  name: string,
  cmd: SimpleCommand,
  rejected: readonly Rejected[],
): BusyboxRewrite[] | undefined {
  const table = SHORT_FOR[name];
  if (!table) return undefined;
  const out: BusyboxRewrite[] = [];
  for (const r of rejected) {
    const short = r.long === undefined ? undefined : table[r.long];
    const word = cmd.args[r.index + 1];
    if (short === undefined || !word) return undefined;
    const eq = (word.value ?? "").indexOf("=");
    if (eq < 0) {
      out.push({ word, text: short === "" ? "" : `-${short}` });
      continue;
    }
    const value = word.value!.slice(eq + 1);
    const prefix = `--${r.long}=`;
    // `--key=1,1` or `--field-separator=':'`: the value's own text follows the short option.
    const raw = word.raw.startsWith(prefix) ? word.raw.slice(prefix.length) : undefined;
    const text = raw !== undefined && raw !== "" ? raw : PLAIN.test(value) ? value : undefined;
    if (short === "" || text === undefined) return undefined;
    out.push({ word, text: `-${short} ${text}` });
  }
  return out;
}
