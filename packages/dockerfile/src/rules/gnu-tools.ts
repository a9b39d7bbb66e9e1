import type { SimpleCommand } from "../shell/script.js";
import { BUSYBOX_OPTIONS, type OptionSpec } from "./gnu-options.js";
import { type BusyboxRewrite, busyboxSpelling } from "./gnu-rewrite.js";

/**
 * Debian ships GNU coreutils, findutils, grep, sed, tar and diffutils (all Essential or
 * required); Alpine has busybox applets in their place. A call the applet rejects, or a command
 * it has no applet for, needs the GNU package on Alpine.
 */
export interface GnuNeed {
  /** The Alpine package that provides the GNU tool. */
  pkg: string;
  /** Why, for the warning and the package record. */
  why: string;
}

/** Commands Alpine's busybox has no applet for, and the package that has them. */
const NO_APPLET: Readonly<Record<string, string>> = {
  csplit: "coreutils",
  numfmt: "coreutils",
  pr: "coreutils",
  ptx: "coreutils",
  fmt: "coreutils",
  tsort: "coreutils",
  stdbuf: "coreutils",
  base32: "coreutils",
  b2sum: "coreutils",
  sha224sum: "coreutils",
  sha384sum: "coreutils",
  join: "coreutils",
  dircolors: "coreutils",
  pathchk: "coreutils",
  locate: "findutils",
  updatedb: "findutils",
  sdiff: "diffutils",
  zgrep: "gzip",
  diff3: "diffutils",
  // glibc's libc-bin (Essential on Debian) ships locale; on Alpine it comes with musl-locales.
  locale: "musl-locales",
};

/** The package that holds the GNU version of a tool busybox also provides. */
const GNU_PACKAGE: Readonly<Record<string, string>> = {
  tar: "tar",
  grep: "grep",
  egrep: "grep",
  fgrep: "grep",
  sed: "sed",
  find: "findutils",
  xargs: "findutils",
  gzip: "gzip",
  gunzip: "gzip",
  cmp: "diffutils",
  su: "util-linux-login",
};

function packageOf(tool: string): string {
  return GNU_PACKAGE[tool] ?? "coreutils";
}

/** An option busybox rejects: its text, and for a long one the word it sits in. */
export interface Rejected {
  text: string;
  /** Index into the command's words after the name. */
  index: number;
  /** The long option's name, when it is one (`check` for `--check`). */
  long?: string;
}

/**
 * What one command needs beyond busybox, if anything: the GNU package, and when every rejected
 * option has a busybox spelling, the words that make it a busybox call instead.
 */
export function gnuNeedOf(
  cmd: SimpleCommand,
): (GnuNeed & { rewrite?: BusyboxRewrite[] }) | undefined {
  const name = cmd.name?.replace(/^.*\//, "");
  if (!name) return undefined;
  const missing = NO_APPLET[name];
  if (missing) return { pkg: missing, why: `${name} is not a busybox applet` };
  const words = cmd.args.slice(1).map((w) => w.value);
  // musl's mkstemp wants exactly six X's; GNU mktemp takes three or more.
  const template =
    name === "mktemp" ? words.find((w) => w && /(?:^|[^X])X{3,5}$/.test(w)) : undefined;
  if (template) {
    return { pkg: "coreutils", why: `busybox mktemp needs six X's in ${template}` };
  }
  // GNU sed's `0,/re/` address: busybox sed accepts it and then matches nothing.
  if (name === "sed" && words.some((w) => w !== undefined && /(?:^|[;{}\n]\s*)0,[/\\]/.test(w))) {
    return {
      pkg: "sed",
      why: "busybox sed accepts GNU's 0,/regexp/ address but then edits nothing",
    };
  }
  const when = name === "date" ? dateString(words) : undefined;
  if (when !== undefined && !BUSYBOX_DATE.test(when)) {
    return {
      pkg: "coreutils",
      why: `busybox date -d cannot parse "${when}" (GNU date's free-form dates)`,
    };
  }
  const optionless = OPTIONLESS.has(name) ? firstOption(words) : undefined;
  if (optionless) {
    return {
      pkg: "coreutils",
      why: `busybox ${name} takes no options (it reads ${optionless} as a file name)`,
    };
  }
  const spec = BUSYBOX_OPTIONS[name];
  if (!spec) return undefined;
  const bad = name === "find" ? findPrimaries(words, spec) : rejectedOptions(words, spec, name);
  if (bad.length === 0) return undefined;
  return {
    pkg: packageOf(name),
    why: `busybox ${name} rejects ${bad.map((b) => b.text).join(" ")}`,
    rewrite: busyboxSpelling(name, cmd, bad),
  };
}

/**
 * The date forms busybox date -d reads (measured with Alpine's options): @seconds, and numeric
 * dates and times (`2024-01-02`, `2024-01-02 10:00:00`, `10:00`, `01021000`). GNU also reads
 * `+1 day`, `yesterday`, `next monday`, ISO `T` times, month names: those need coreutils.
 */
const BUSYBOX_DATE =
  /^(?:@-?\d+|(?:\d{4}[-.])?\d{1,2}[-.]\d{1,2}(?:[ -]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?|\d{8}(?:\d{2}|\d{4})?(?:\.\d{2})?)$/;

/** The literal date string of `date -d X`/`--date=X`/`-dX`; undefined when absent or built at run time (`$x`). */
function dateString(words: readonly (string | undefined)[]): string | undefined {
  // -D FORMAT tells busybox how to read the string: any form may be valid then.
  if (words.some((w) => w !== undefined && /^-[a-zA-Z]*D/.test(w))) return undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) continue;
    if (w === "--") return undefined;
    const v =
      w === "-d" || w === "--date"
        ? words[k + 1]
        : w.startsWith("--date=")
          ? w.slice(7)
          : /^-d./.test(w)
            ? w.slice(2)
            : null;
    if (v === null) continue;
    return v === undefined || v.includes("$") || v.includes("`") ? undefined : v;
  }
  return undefined;
}

/**
 * Applets whose busybox version takes no options at all and reads an option as an operand (so it
 * fails with "No such file or directory" rather than a usage error): any option needs coreutils.
 */
export const OPTIONLESS: ReadonlySet<string> = new Set(["realpath"]);

function firstOption(words: readonly (string | undefined)[]): string | undefined {
  for (const w of words) {
    if (w === "--") return undefined;
    if (w !== undefined && w.length > 1 && w.startsWith("-")) return w.split("=")[0];
  }
  return undefined;
}

/**
 * The options busybox rejects. Words built at run time are skipped (their text is unknown); `--`
 * ends the options. tar's first word may be a bare cluster (`tar xzf`).
 */
function rejectedOptions(
  words: readonly (string | undefined)[],
  spec: OptionSpec,
  name: string,
): Rejected[] {
  const bad: Rejected[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) continue;
    if (w === "--") break;
    if (w.startsWith("--")) {
      const long = w.slice(2).split("=")[0] ?? "";
      if (spec.long?.has(long)) bad.push({ text: `--${long}`, index: k, long });
      continue;
    }
    const bare = name === "tar" && k === 0 && /^[a-zA-Z]+$/.test(w);
    if (!bare && !(w.startsWith("-") && w.length > 1)) {
      if (spec.stopAtOperand && !/^[A-Za-z_]\w*=/.test(w)) break;
      continue;
    }
    const cluster = bare ? w : w.slice(1);
    if (/^\d/.test(cluster)) continue;
    for (let i = 0; i < cluster.length; i++) {
      const c = cluster[i]!;
      if (spec.short?.includes(c)) {
        bad.push({ text: `-${c}`, index: k });
        break;
      }
      if (spec.shortAttached?.includes(c)) break;
      if (spec.shortArg?.includes(c)) {
        if (i === cluster.length - 1) k++;
        break;
      }
    }
  }
  return bad;
}

/** find: primaries busybox rejects; the words of `-exec … ;` are skipped. */
function findPrimaries(words: readonly (string | undefined)[], spec: OptionSpec): Rejected[] {
  const bad: Rejected[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined || !/^-[a-z_]+$/.test(w)) continue;
    const p = w.slice(1);
    if (p === "exec" || p === "ok" || p === "execdir" || p === "okdir") {
      if (spec.primaries?.has(p)) bad.push({ text: w, index: k });
      while (k + 1 < words.length && words[k + 1] !== ";" && words[k + 1] !== "+") k++;
      k++;
      continue;
    }
    if (spec.primaryArg?.has(p)) k++;
    else if (spec.primaries?.has(p)) bad.push({ text: w, index: k });
  }
  return bad;
}
