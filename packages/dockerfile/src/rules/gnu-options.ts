/**
 * GNU options Alpine's busybox applets reject, per applet. Measured by running each option against
 * busybox built with Alpine's 1.37 configuration (musl); an option not listed here is assumed to be
 * accepted, so a miss keeps busybox rather than adding a package the image may not need.
 */
export interface OptionSpec {
  /** Short options (letters) the applet rejects. */
  short?: string;
  /** Short options that take an argument: the rest of the word, or the next word. */
  shortArg?: string;
  /** Short options whose argument can only be attached (`sed -i.bak`). */
  shortAttached?: string;
  /** Long options (without `--`) the applet rejects. */
  long?: ReadonlySet<string>;
  /** For find: primaries (without `-`) busybox rejects. */
  primaries?: ReadonlySet<string>;
  /** find primaries that take an argument. */
  primaryArg?: ReadonlySet<string>;
  /** Options end at the first operand: it starts the command the applet runs (env, xargs). */
  stopAtOperand?: boolean;
}

const set = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

const CP_LONG = set("preserve no-preserve sparse");
const LN_LONG = set(
  "symbolic force no-dereference verbose relative target-directory no-target-directory backup",
);

export const BUSYBOX_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  rm: { short: "d", long: set("recursive force verbose dir one-file-system preserve-root") },
  chmod: { long: set("recursive verbose changes reference") },
  chown: { long: set("reference from") },
  chgrp: { long: set("reference from") },
  cp: { long: CP_LONG, shortArg: "tS" },
  mv: { long: set("update backup"), shortArg: "tS" },
  ln: { short: "r", long: LN_LONG, shortArg: "tS" },
  install: { short: "C", long: set("compare"), shortArg: "mogtS" },
  ls: { long: set("all almost-all long time-style human-readable sort"), shortArg: "wT" },
  head: { long: set("lines bytes quiet"), shortArg: "nc" },
  tail: { long: set("lines bytes retry follow"), shortArg: "ncs" },
  sort: {
    long: set(
      "unique reverse version-sort numeric-sort field-separator key human-numeric-sort stable output zero-terminated parallel buffer-size ignore-case dictionary-order general-numeric-sort month-sort check ignore-leading-blanks",
    ),
    short: "hR",
    shortArg: "ktoTS",
  },
  cut: {
    long: set("delimiter fields complement characters only-delimited output-delimiter"),
    shortArg: "dfcb",
  },
  date: { long: set("iso-8601 rfc-3339"), shortArg: "drsD" },
  stat: { long: set("format printf dereference terse"), shortArg: "c" },
  mktemp: { long: set("suffix"), shortArg: "pt" },
  readlink: {
    short: "emz",
    long: set("canonicalize no-newline canonicalize-existing canonicalize-missing"),
  },
  du: {
    long: set("summarize human-readable max-depth apparent-size bytes exclude"),
    shortArg: "d",
  },
  uniq: { long: set("count repeated unique"), shortArg: "fsw" },
  wc: { long: set("lines bytes chars words") },
  md5sum: { long: set("check status quiet ignore-missing strict tag") },
  sha1sum: { long: set("check status quiet ignore-missing strict tag") },
  sha256sum: { long: set("check status quiet ignore-missing strict tag") },
  sha512sum: { long: set("check status quiet ignore-missing strict tag") },
  tee: { long: set("append ignore-interrupts") },
  env: {
    short: "CSvP",
    long: set(
      "split-string chdir debug default-signal ignore-signal block-signal list-signal-handling",
    ),
    shortArg: "u",
    stopAtOperand: true,
  },
  xargs: {
    stopAtOperand: true,
    short: "dL",
    long: set("null max-args replace arg-file max-procs delimiter verbose"),
    shortArg: "IEensPa",
  },
  grep: {
    short: "PzTUbZ",
    long: set(
      "quiet extended-regexp fixed-strings ignore-case invert-match recursive files-with-matches count only-matching line-number no-filename with-filename word-regexp line-regexp max-count regexp file include exclude perl-regexp null binary-files silent after-context before-context context no-messages exclude-dir colour label",
    ),
    shortArg: "efmABC",
  },
  sed: {
    short: "zsulb",
    long: set("null-data separate unbuffered posix follow-symlinks"),
    shortArg: "ef",
    shortAttached: "i",
  },
  tar: {
    short: "ISWPurAUMGgs",
    long: set(
      "same-owner preserve-permissions keep-old-files owner group mode mtime sort wildcards transform use-compress-program zstd lzip no-overwrite-dir skip-old-files warning delay-directory-restore unlink-first ignore-zeros anchored exclude-vcs",
    ),
    shortArg: "fCTXbH",
  },
  id: { long: set("user group groups name real") },
  // Debian's su is util-linux's; busybox su has -l -m -p -s SH -c CMD and no long options.
  su: {
    long: set(
      "login command shell preserve-environment pty group supp-group session-command whitelist-environment fast",
    ),
    short: "gGPfw",
    shortArg: "csgGw",
  },
  timeout: {
    long: set("signal kill-after preserve-status foreground"),
    shortArg: "sk",
    stopAtOperand: true,
  },
  cmp: { long: set("silent quiet verbose bytes") },
  seq: { long: set("separator equal-width format"), shortArg: "s" },
  df: { long: set("output human-readable") },
  tr: { long: set("delete squeeze-repeats complement") },
  base64: { long: set("decode wrap ignore-garbage"), shortArg: "w" },
  basename: { long: set("suffix multiple zero"), shortArg: "s" },
  gzip: { long: set("decompress keep") },
  gunzip: { long: set("keep") },
  find: {
    primaries: set(
      "true false mount ls readable writable regextype execdir okdir newermt samefile amin cmin lname ilname uid gid nouser nogroup xtype iregex printf fprintf fprint fls daystart noleaf ignore_readdir_race anewer cnewer used fstype",
    ),
    primaryArg: set(
      "maxdepth mindepth name iname path ipath wholename regex type perm mtime atime ctime mmin newer inum user group size links",
    ),
  },
};
