/**
 * GNU options Alpine's busybox applets reject, per applet. Each was run against musl busybox
 * built with Alpine's configuration (1.35 and 1.37 agree on these): the applet prints
 * "unrecognized option" and exits non-zero. An option not listed is taken as accepted, so a miss
 * keeps busybox rather than asking for a package the image may not need.
 */

/** What to say about one rejected option, where the plain "busybox TOOL has no OPTION" is not enough. */
export interface Prose {
  message?: string;
  /** What to write instead under busybox. */
  advice?: string;
}

export interface AppletSpec {
  /** Rejected options as written: `-z` or `--null-data` (the name before any `=`). */
  rejects: Readonly<Record<string, Prose>>;
  /** Short options that take an argument: the rest of the word, or the next word. */
  shortArg?: string;
  /** Short options whose argument can only be attached (`sed -i.bak`, `date -Iseconds`). */
  shortAttached?: string;
  /** Long options whose value may be the next word (`date --date X`). */
  longArg?: readonly string[];
  /** Options end at the first operand: it starts the command the applet runs (env, xargs). */
  stopAtOperand?: boolean;
  /** The first word may be a cluster without its dash (`tar xzf`). */
  bareFirst?: boolean;
}

const say = (message: string | undefined, advice?: string): Prose => ({
  ...(message === undefined ? {} : { message }),
  ...(advice === undefined ? {} : { advice }),
});

/** Rejected long options (`"recursive force"`) and short ones (`"d"`) with the plain wording. */
function plain(longs: string, shorts = ""): Record<string, Prose> {
  const out: Record<string, Prose> = {};
  for (const name of longs.split(/\s+/).filter(Boolean)) out[`--${name}`] = {};
  for (const letter of shorts) out[`-${letter}`] = {};
  return out;
}

const SUMS: AppletSpec = { rejects: plain("check status quiet ignore-missing strict tag") };
const NO_DEVNULL = "send its output to /dev/null instead";
const BADNAME = "use a name of [a-z_][a-z0-9_-]*";
const WGET_DISPLAY =
  "drop it: it only changes how progress is shown (-q still silences busybox's bar)";

const COREUTILS: Readonly<Record<string, AppletSpec>> = {
  rm: { rejects: plain("recursive force verbose dir one-file-system preserve-root", "d") },
  chmod: { rejects: plain("recursive verbose changes reference") },
  chown: { rejects: plain("reference from") },
  chgrp: { rejects: plain("reference from") },
  cp: { rejects: plain("preserve no-preserve sparse"), shortArg: "tS" },
  mv: { rejects: plain("update backup"), shortArg: "tS" },
  ln: {
    rejects: plain(
      "symbolic force no-dereference verbose relative target-directory no-target-directory backup",
      "r",
    ),
    shortArg: "tS",
  },
  install: { rejects: plain("compare", "C"), shortArg: "mogtS" },
  ls: { rejects: plain("all almost-all long time-style human-readable sort"), shortArg: "wT" },
  head: { rejects: plain("lines bytes quiet"), shortArg: "nc" },
  tail: {
    rejects: plain(
      "lines bytes retry follow pid sleep-interval max-unchanged-stats zero-terminated quiet silent verbose",
      "z",
    ),
    shortArg: "ncs",
  },
  // busybox touch reads -d (--date) as date -d does: GNU's free-form dates fail.
  touch: { rejects: plain("time"), shortArg: "dtr", longArg: ["--date", "--reference"] },
  sort: {
    rejects: plain(
      "unique reverse version-sort numeric-sort field-separator key human-numeric-sort stable output zero-terminated parallel buffer-size ignore-case dictionary-order general-numeric-sort month-sort check ignore-leading-blanks",
      "hR",
    ),
    shortArg: "ktoTS",
  },
  cut: {
    rejects: plain("delimiter fields complement characters only-delimited output-delimiter"),
    shortArg: "dfcb",
  },
  // -t is a flag (TEMPLATE relative to the base directory); only -p takes a value.
  mktemp: { rejects: plain("suffix"), shortArg: "p" },
  du: {
    rejects: plain("summarize human-readable max-depth apparent-size bytes exclude"),
    shortArg: "d",
  },
  uniq: { rejects: plain("count repeated unique"), shortArg: "fsw" },
  wc: { rejects: plain("lines bytes chars words") },
  md5sum: SUMS,
  sha1sum: SUMS,
  sha256sum: SUMS,
  sha512sum: SUMS,
  tee: { rejects: plain("append ignore-interrupts") },
  env: {
    rejects: plain(
      "split-string chdir debug default-signal ignore-signal block-signal list-signal-handling",
      "CSvP",
    ),
    shortArg: "u",
    stopAtOperand: true,
  },
  id: { rejects: plain("user group groups name real") },
  seq: { rejects: plain("separator equal-width format"), shortArg: "s" },
  df: { rejects: plain("output human-readable") },
  tr: { rejects: plain("delete squeeze-repeats complement") },
  base64: { rejects: plain("decode wrap ignore-garbage"), shortArg: "w" },
  basename: { rejects: plain("suffix multiple zero"), shortArg: "s" },
  stat: {
    rejects: {
      "--format": say(undefined, "use -c FORMAT"),
      "--printf": say(undefined, "use -c FORMAT"),
      "--terse": say(undefined, "use -t"),
      "--dereference": say(undefined, "use -L"),
    },
    shortArg: "c",
  },
  // busybox date takes --reference (and --utc, --set, --rfc-2822) as GNU spells them.
  date: {
    rejects: {
      "--iso-8601": say(undefined, "use -I (e.g. -Iseconds)"),
      "--rfc-3339": say(undefined, "use +FORMAT"),
      "--rfc-email": say(undefined, "use -R"),
    },
    shortArg: "drsD",
    shortAttached: "I",
    longArg: ["--date"],
  },
  readlink: {
    rejects: {
      "-e": say(undefined, "use -f and test the result with [ -e ]"),
      "-m": say(undefined, "use -f (the path must exist up to its last part)"),
      "-z": {},
      "--canonicalize": say("busybox readlink has no long options", "use -f"),
      "--canonicalize-existing": say("busybox readlink has no -e", "use -f and [ -e ]"),
      "--canonicalize-missing": say("busybox readlink has no -m", "use -f"),
      "--no-newline": say("busybox readlink has no long options", "use -n"),
      "--zero": say("busybox readlink has no -z"),
    },
  },
  timeout: {
    rejects: {
      ...plain("preserve-status foreground verbose", "v"),
      "--signal": say("busybox timeout has no long options", "use -s SIGNAL"),
      "--kill-after": say("busybox timeout has no long options", "use -k SECONDS"),
    },
    shortArg: "sk",
    stopAtOperand: true,
  },
};

const OTHERS: Readonly<Record<string, AppletSpec>> = {
  xargs: {
    rejects: plain("null max-args replace arg-file max-procs delimiter verbose", "dL"),
    shortArg: "IEensPa",
    stopAtOperand: true,
  },
  grep: {
    rejects: {
      ...plain(
        "quiet extended-regexp fixed-strings ignore-case invert-match recursive files-with-matches count only-matching line-number no-filename with-filename word-regexp line-regexp max-count regexp file null binary-files silent after-context before-context context no-messages colour label null-data line-buffered exclude-from devices directories dereference-recursive initial-tab",
        "TUbZdD",
      ),
      "-P": say("busybox grep has no Perl regular expressions (-P)", "use -E"),
      "-z": say("busybox grep has no -z (NUL-separated lines)"),
      "--include": say(undefined, "combine find -name with grep"),
      "--exclude": say(undefined, "combine find with grep"),
      "--exclude-dir": say(undefined, "combine find -prune with grep"),
      "--perl-regexp": say("busybox grep has no Perl regular expressions", "use -E"),
    },
    shortArg: "efmABC",
  },
  sed: {
    rejects: {
      ...plain("null-data separate unbuffered posix follow-symlinks debug sandbox", "b"),
      "-z": say("busybox sed has no -z (NUL-separated lines)"),
      "-s": say("busybox sed has no -s (separate files)"),
      "-u": say("busybox sed has no -u (unbuffered)"),
      "-l": say("busybox sed has no -l (line length)"),
    },
    shortArg: "ef",
    shortAttached: "i",
  },
  tar: {
    rejects: plain(
      "same-owner preserve-permissions keep-old-files owner group mode mtime sort wildcards transform use-compress-program zstd lzip no-overwrite-dir skip-old-files warning delay-directory-restore unlink-first ignore-zeros anchored exclude-vcs",
      "ISWPurAUMGgs",
    ),
    shortArg: "fCTXbH",
    bareFirst: true,
  },
  cmp: { rejects: plain("silent quiet verbose bytes") },
  // Alpine's wget (LONG_OPTIONS, TIMEOUT, AUTHENTICATION) takes -c -q -S -O -o -P -Y -U -T -t,
  // -nv/-nc/-nH/-np (ignored), --spider, --header, --post-data/--post-file, --no-check-certificate.
  wget: {
    rejects: {
      ...plain(
        "retry-connrefused waitretry content-disposition https-only ca-certificate secure-protocol limit-rate password http-user http-password method body-data read-timeout connect-timeout dns-timeout input-file recursive level mirror backups inet4-only inet6-only wait max-redirect append-output debug verbose timestamping no-dns-cache compression referer save-headers unlink delete-after trust-server-names ignore-length auth-no-challenge",
        "irmwadvN",
      ),
      // Display only (migrate's wget rule drops them where busybox wget is kept).
      "--show-progress": say(undefined, WGET_DISPLAY),
      "--no-show-progress": say(undefined, WGET_DISPLAY),
      "--progress": say(undefined, WGET_DISPLAY),
    },
    shortArg: "OoPYUTt",
    shortAttached: "n",
  },
  gzip: { rejects: plain("decompress keep") },
  gunzip: { rejects: plain("keep") },
};

// Debian's su is util-linux's; busybox su has -l -m -p -s SH -c CMD and no long options.
const SU: AppletSpec = {
  rejects: {
    ...plain("login preserve-environment pty session-command whitelist-environment fast", "Pfw"),
    "-g": say("busybox su has no -g (group)", "use alpinize_exec_as USER:GROUP CMD"),
    "-G": say(
      "busybox su has no -G (supplementary group)",
      "add the user to the group with alpinize_add_user_to_group",
    ),
    "--group": say(undefined, "use alpinize_exec_as USER:GROUP CMD"),
    "--supp-group": say(undefined, "use alpinize_add_user_to_group"),
    "--command": say("busybox su has no long options", "use -c CMD"),
    "--shell": say("busybox su has no long options", "use -s SHELL"),
  },
  shortArg: "csgGw",
};

// Debian's adduser/addgroup options that busybox refuses with "unrecognized option"; --system,
// --uid, --ingroup, --home, --shell, --gecos, --disabled-password and --no-create-home are
// accepted by both.
const ADDUSER: AppletSpec = {
  rejects: {
    ...plain("extrausers encrypt-home"),
    "-q": say(undefined, NO_DEVNULL),
    "--quiet": say(undefined, NO_DEVNULL),
    "--gid": say(undefined, "name the group with -G GROUP (--ingroup)"),
    "--group": say(
      "busybox adduser has no --group (a group named after the user)",
      "create it first (alpinize_ensure_group NAME GID) and pass -G NAME",
    ),
    "--disabled-login": say(undefined, "use -D (no password) and -s /sbin/nologin"),
    "--comment": say(undefined, "use -g GECOS (--gecos)"),
    "--add-extra-groups": say(undefined, "add each group with alpinize_add_user_to_group"),
    "--firstuid": say(undefined, "give the UID with -u UID"),
    "--lastuid": say(undefined, "give the UID with -u UID"),
    "--firstgid": say(undefined, "give the group with -G GROUP"),
    "--lastgid": say(undefined, "give the group with -G GROUP"),
    "--conf": say(
      "busybox adduser has no --conf (adduser.conf)",
      "pass the options on the command line",
    ),
    "--force-badname": say(undefined, BADNAME),
    "--allow-badname": say(undefined, BADNAME),
  },
  shortArg: "hgsGuk",
};

const ADDGROUP: AppletSpec = {
  rejects: {
    "-q": say(undefined, NO_DEVNULL),
    "--quiet": say(undefined, NO_DEVNULL),
    "--group": say(undefined, "addgroup NAME creates a group already"),
    "--conf": say(undefined, "pass the options on the command line"),
    "--force-badname": say(undefined, BADNAME),
    "--allow-badname": say(undefined, BADNAME),
    "--firstgid": say(undefined, "give the GID with -g GID"),
    "--lastgid": say(undefined, "give the GID with -g GID"),
  },
  shortArg: "g",
};

/** Every applet with options busybox rejects, but find and ps (their grammars are their own). */
export const APPLETS: Readonly<Record<string, AppletSpec>> = {
  ...COREUTILS,
  ...OTHERS,
  su: SU,
  adduser: ADDUSER,
  addgroup: ADDGROUP,
};

/**
 * Applets whose busybox version takes no options at all and reads an option as an operand (so it
 * fails with "No such file or directory" rather than a usage error): any option needs coreutils.
 */
export const OPTIONLESS: ReadonlySet<string> = new Set(["realpath"]);
