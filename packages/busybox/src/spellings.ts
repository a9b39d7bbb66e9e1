/**
 * GNU long options busybox rejects but accepts as a short option with the same meaning (from
 * the applets' usage). `""` drops the option: `--strict`, because busybox's `-c` already fails
 * on badly formatted lines.
 */
const SUM = { check: "c", status: "s", strict: "" };
export const SHORT_FOR: Readonly<Record<string, Readonly<Record<string, string>>>> = {
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
  tail: { lines: "n", bytes: "c", quiet: "q", silent: "q", verbose: "v", "sleep-interval": "s" },
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
    "dereference-recursive": "R",
  },
  tar: { "keep-old-files": "k" },
  su: { login: "l", command: "c", shell: "s", "preserve-environment": "p" },
};

/**
 * The busybox spelling of a GNU long option (`--recursive`) of a tool: its short twin (`-r`), `""`
 * when busybox needs nothing in its place, or undefined when busybox has no option of that meaning.
 */
export function busyboxSpelling(tool: string, long: string): string | undefined {
  const table = Object.hasOwn(SHORT_FOR, tool) ? SHORT_FOR[tool] : undefined;
  const name = long.replace(/^--/, "");
  const short = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (short === undefined) return undefined;
  return short === "" ? "" : `-${short}`;
}
