import { literal, type Word } from "../shell/scan.js";
import type { OptionProblem } from "./options.js";

/**
 * What busybox `find` and `ps` reject (they print "unrecognized", "invalid" or "bad -o argument"
 * and exit 1), measured with the musl busybox of the tests (1.35 with Alpine 3.23's 1.37 options:
 * the find and ps options of the two builds are the same, but Alpine's find also has `-ok`).
 * Every message reads "busybox TOOL has no …; advice, or apk add PACKAGE" (the GNU tool's
 * Alpine package: findutils, procps-ng).
 */

const FINDUTILS = "or apk add findutils";
const PROCPS = "or apk add procps-ng";

/** find primaries and options busybox lacks, with what to write instead. */
const FIND_MISSING: Readonly<Record<string, string>> = {
  "-printf": "print with -exec stat -c FORMAT {} + (busybox stat takes -c)",
  "-fprintf": "redirect -exec stat -c FORMAT {} + to the file",
  "-fprint": "redirect -print to the file",
  "-fls": "redirect -exec ls -ld {} + to the file",
  "-ls": "use -exec ls -ld {} +",
  "-execdir": "use -exec with the full path {}",
  "-okdir": "use -exec with the full path {}",
  "-newermt": "touch -d DATE a reference file and use -newer FILE",
  "-anewer": "use -newer FILE (modification times)",
  "-cnewer": "use -newer FILE (modification times)",
  "-amin": "use -mmin, or -atime in days",
  "-cmin": "use -mmin, or -ctime in days",
  "-used": "compare times with -atime and -ctime",
  "-samefile": "compare -inum with the number stat -c %i FILE prints",
  "-true": "drop it: an expression without it is true",
  "-false": "do without it",
  "-readable": "test with -exec test -r {} \\;",
  "-writable": "test with -exec test -w {} \\;",
  "-regextype": "drop it and write -regex as a basic regular expression, which busybox reads",
  "-iregex": "use -regex with both cases in brackets ([Aa])",
  "-iwholename": "use -ipath, the same test",
  "-lname": "test the link with -exec readlink {} \\; in sh",
  "-ilname": "test the link with -exec readlink {} \\; in sh",
  "-uid": "use -user UID (busybox -user takes an ID)",
  "-gid": "use -group GID (busybox -group takes an ID)",
  "-nouser": "do without it",
  "-nogroup": "do without it",
  "-xtype": "use -follow with -type",
  "-mount": "use -xdev, the same option",
  "-daystart": "do without it",
  "-noleaf": "drop it: it only tunes GNU find",
  "-ignore_readdir_race": "drop it",
  "-fstype": "do without it",
  "-context": "do without it",
  "-D": "drop it: it only prints GNU find's debugging",
};

/** Primaries followed by one value (two for -fprintf), which is not itself a primary. */
const FIND_VALUES = new Set(
  (
    "-name -iname -path -ipath -wholename -iwholename -regex -iregex -type -xtype -size -perm " +
    "-mtime -atime -ctime -mmin -amin -cmin -newer -anewer -cnewer -user -group -uid -gid -inum " +
    "-links -maxdepth -mindepth -lname -ilname -samefile -used -fstype -context -regextype " +
    "-printf -fprint -fls -D"
  ).split(" "),
);
const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

export function findProblems(args: Word[]): OptionProblem[] {
  const out: OptionProblem[] = [];
  const flag = (word: Word, what: string, advice: string) =>
    out.push({ word, message: `busybox find has no ${what}; ${advice}, ${FINDUTILS}` });
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lit = literal(word.text);
    if (lit === undefined || !lit.startsWith("-")) continue;
    const missing = FIND_MISSING[lit];
    if (missing) flag(word, lit, missing);
    else if (/^-newer[aBcm][aBcmt]$/.test(lit)) flag(word, lit, FIND_MISSING["-newermt"]!);
    else if (/^-O\d*$/.test(lit)) flag(word, lit, "drop it: it only tunes GNU find");
    if (FIND_EXEC.has(lit)) {
      // The command -exec runs takes its own options, up to ; or +.
      while (i + 1 < args.length && !/^[;+]$/.test(literal(args[i + 1]!.text) ?? "")) i++;
      continue;
    }
    if (!FIND_VALUES.has(lit) && !/^-newer/.test(lit) && lit !== "-fprintf") continue;
    const value = args[i + 1];
    const v = value ? literal(value.text) : undefined;
    if (value && v !== undefined) findValueProblem(lit, value, v, flag);
    i += lit === "-fprintf" ? 2 : 1;
  }
  return out;
}

function findValueProblem(
  primary: string,
  word: Word,
  value: string,
  flag: (word: Word, what: string, advice: string) => void,
): void {
  if (primary === "-type" && value.includes(",")) {
    flag(word, `-type ${value} (a list of types)`, "write \\( -type f -o -type d \\)");
  } else if (primary === "-size" && /^[+-]?\d+[MG]$/.test(value)) {
    flag(word, `-size ${value} (M and G units)`, "write the size in k (1M is 1024k)");
  }
}

/** The columns busybox `ps -o` knows (it lists them when it refuses one). */
const PS_COLUMNS = new Set(
  "user group comm args pid ppid pgid etime nice rgroup ruser time tty vsz sid stat rss".split(" "),
);
/** procps column names with a busybox column that prints the same. */
const PS_SAME: Readonly<Record<string, string>> = {
  cmd: "args",
  command: "args",
  ucmd: "comm",
  ucomm: "comm",
  euser: "user",
  uname: "user",
  egroup: "group",
  s: "stat",
  state: "stat",
  ni: "nice",
  pgrp: "pgid",
  sess: "sid",
  session: "sid",
  tname: "tty",
  tt: "tty",
  cputime: "time",
  rsz: "rss",
  rssize: "rss",
  vsize: "vsz",
};
/** Short options busybox ps takes (all but -o and -T it ignores). */
const PS_FLAGS = "aAdeflTZ";
const PS_ADVICE: Readonly<Record<string, string>> = {
  C: "find the process with pidof NAME or pgrep -x NAME",
  p: "test the process with kill -0 PID or [ -d /proc/PID ]",
  "--pid": "test the process with kill -0 PID or [ -d /proc/PID ]",
  u: "filter ps -o user,pid,args with awk",
  U: "filter ps -o user,pid,args with awk",
  "--user": "filter ps -o user,pid,args with awk",
  "--no-headers":
    "give every column an empty header (ps -o pid= -o comm=): busybox then prints no header line",
  "--no-heading":
    "give every column an empty header (ps -o pid= -o comm=): busybox then prints no header line",
  w: "drop it: busybox ps prints lines up to 2048 characters when its output is not a terminal",
  x: "drop it: busybox ps lists every process",
  H: "use pstree for the process tree",
  "--forest": "use pstree for the process tree",
  L: "use -T for threads",
  "--sort": "sort the output with sort",
  "--format": "use -o COLUMNS",
  O: "use -o COLUMNS",
};
const PS_DEFAULT =
  "busybox ps takes only -o COLUMNS and -T: filter its output with grep or awk, or use pgrep or pidof";

export function psProblems(args: Word[]): OptionProblem[] {
  const out: OptionProblem[] = [];
  const flag = (word: Word, what: string, key: string) =>
    out.push({
      word,
      message: `busybox ps has no ${what}; ${PS_ADVICE[key] ?? PS_DEFAULT}, ${PROCPS}`,
    });
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lit = literal(word.text);
    // Words without a dash (`ps aux`) busybox ignores: it prints its own columns.
    if (lit === undefined || !lit.startsWith("-") || lit === "-") continue;
    if (lit === "--") break;
    if (lit.startsWith("--")) {
      const name = lit.split("=")[0]!;
      flag(word, name, name);
      continue;
    }
    for (let k = 1; k < lit.length; k++) {
      const letter = lit[k]!;
      if (letter === "o") {
        const inline = lit.slice(k + 1);
        const value = inline !== "" ? word : args[++i];
        const columns = inline !== "" ? inline : value ? literal(value.text) : undefined;
        if (value && columns !== undefined) out.push(...psColumnProblems(value, columns));
        break;
      }
      if (PS_FLAGS.includes(letter)) continue;
      flag(word, `-${letter}`, letter);
      break;
    }
  }
  return out;
}

/** busybox splits -o at every comma, even after a NAME=HEADER. */
function psColumnProblems(word: Word, columns: string): OptionProblem[] {
  const out: OptionProblem[] = [];
  for (const part of columns.split(",")) {
    const name = part.split("=")[0]!;
    if (name === "" || PS_COLUMNS.has(name)) continue;
    const same = PS_SAME[name];
    const advice = same
      ? `write ${same}, which prints the same`
      : `-o takes ${[...PS_COLUMNS].join(", ")}`;
    out.push({ word, message: `busybox ps has no column ${name}; ${advice}, ${PROCPS}` });
  }
  return out;
}
