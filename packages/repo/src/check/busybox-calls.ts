/**
 * Options of `find` and `ps` that Alpine's busybox rejects (it prints "unrecognized" and exits 1),
 * which the entrypoint lint's tables do not cover. Measured with musl busybox (Debian's
 * busybox-musl 1.35, whose find and ps options match Alpine's 1.37 build config; Alpine's also
 * has `find -ok`). Every message starts "busybox TOOL" like the lint's gnu-option findings.
 */

/** find primaries busybox does not know; the others (-name, -newer, -exec, -print0…) it has. */
const FIND_REJECTS = new Set(
  (
    "true false mount ls readable writable regextype execdir okdir newermt samefile amin cmin " +
    "lname ilname uid gid nouser nogroup xtype iregex printf fprintf fprint fls daystart noleaf " +
    "ignore_readdir_race anewer cnewer used fstype context"
  ).split(" "),
);
const FIND_ADVICE: Readonly<Record<string, string>> = {
  printf: "print with -exec stat -c FORMAT {} + (busybox stat has -c), or apk add findutils",
  fprintf: "print with -exec stat -c FORMAT {} + and a redirection, or apk add findutils",
  newermt: "touch -d DATE a reference file and use -newer FILE, or apk add findutils",
  regextype:
    "drop it and write -regex as a basic regular expression (busybox reads only those), or apk add findutils",
  execdir: "use -exec with the full path {}, or apk add findutils",
};

/** ps: busybox takes -o COLUMNS and -T, and ignores -a -A -d -e -f -l -Z; nothing else. */
const PS_ACCEPTS = "aAdeflTZ";
const PS_ADVICE: Readonly<Record<string, string>> = {
  C: "find the process with pidof NAME or pgrep -x NAME, or apk add procps-ng",
  p: "test the process with kill -0 PID or read /proc/PID, or apk add procps-ng",
  u: "filter ps -o user,pid,comm with awk, use pgrep -u USER, or apk add procps-ng",
  "--no-headers":
    "give every column an empty header (-o pid= -o comm=), which prints no header line, or apk add procps-ng",
};
const PS_DEFAULT =
  "busybox ps takes only -o COLUMNS and -T: filter its output with grep or awk, use pgrep or pidof, or apk add procps-ng";

export interface Rejection {
  /** The option as written. */
  option: string;
  message: string;
}

/** The options of one call that busybox rejects: `args` are the words after the name. */
export function busyboxRejections(tool: string, args: readonly string[]): Rejection[] {
  if (tool === "find") return findRejections(args);
  if (tool === "ps") return psRejections(args);
  return [];
}

function findRejections(args: readonly string[]): Rejection[] {
  const out: Rejection[] = [];
  for (let k = 0; k < args.length; k++) {
    const word = args[k]!;
    // The command of -exec … ; is not find's: its options are its own.
    if (word === "-exec" || word === "-ok") {
      while (k + 1 < args.length && args[k + 1] !== ";" && args[k + 1] !== "+") k++;
      continue;
    }
    const primary = /^-([a-z_]+)$/.exec(word)?.[1];
    if (primary === undefined || !FIND_REJECTS.has(primary)) continue;
    const advice = FIND_ADVICE[primary] ?? "apk add findutils, or do without it";
    out.push({ option: word, message: `busybox find has no ${word}; ${advice}` });
  }
  return out;
}

function psRejections(args: readonly string[]): Rejection[] {
  const out: Rejection[] = [];
  const reject = (option: string, key: string) =>
    out.push({
      option,
      message: PS_ADVICE[key]
        ? `busybox ps has no ${option}; ${PS_ADVICE[key]}`
        : `busybox ps has no ${option}; ${PS_DEFAULT.replace(/^busybox ps /, "it ")}`,
    });
  for (let k = 0; k < args.length; k++) {
    const word = args[k]!;
    // A word built at run time cannot be judged; BSD-style words (`aux`) busybox ignores.
    if (word.includes("$") || word.includes("`") || !word.startsWith("-") || word === "-") continue;
    if (word === "--") break;
    if (word.startsWith("--")) {
      const name = word.split("=")[0]!;
      reject(name, name);
      continue;
    }
    for (let i = 1; i < word.length; i++) {
      const letter = word[i]!;
      if (letter === "o") {
        if (i === word.length - 1) k++;
        break;
      }
      if (PS_ACCEPTS.includes(letter)) continue;
      reject(`-${letter}`, letter);
      break;
    }
  }
  return out;
}
