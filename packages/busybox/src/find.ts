import type { Words } from "./words.js";

/**
 * What busybox `find` rejects: it prints "unrecognized: -X" or "invalid argument" and exits 1.
 * Measured with musl busybox 1.35 built with Alpine 3.23's options (its find options match
 * Alpine's 1.37 build, except that Alpine's also has `-ok`).
 */

/** find primaries and options busybox lacks, with what to write instead. */
export const FIND_MISSING: Readonly<Record<string, string>> = {
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
export const FIND_VALUES: ReadonlySet<string> = new Set(
  (
    "-name -iname -path -ipath -wholename -iwholename -regex -iregex -type -xtype -size -perm " +
    "-mtime -atime -ctime -mmin -amin -cmin -newer -anewer -cnewer -user -group -uid -gid -inum " +
    "-links -maxdepth -mindepth -lname -ilname -samefile -used -fstype -context -regextype " +
    "-printf -fprint -fls -D"
  ).split(" "),
);

const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

/** One thing find rejects: the word's index, what to name, and what to write instead. */
export interface FindProblem {
  index: number;
  option: string;
  /** A value busybox cannot read, rather than a primary it lacks. */
  value?: true;
  /** What the message names: `-printf`, `-type f,d (a list of types)`. */
  what: string;
  advice: string;
}

export function findProblems(words: Words): FindProblem[] {
  const out: FindProblem[] = [];
  const flag = (index: number, what: string, advice: string) =>
    out.push({ index, option: what, what, advice });
  for (let i = 0; i < words.length; i++) {
    const lit = words[i];
    if (lit === undefined || !lit.startsWith("-")) continue;
    const missing = Object.hasOwn(FIND_MISSING, lit) ? FIND_MISSING[lit] : undefined;
    if (missing) flag(i, lit, missing);
    else if (/^-newer[aBcm][aBcmt]$/.test(lit)) flag(i, lit, FIND_MISSING["-newermt"]!);
    else if (/^-O\d*$/.test(lit)) flag(i, lit, "drop it: it only tunes GNU find");
    if (FIND_EXEC.has(lit)) {
      // The command -exec runs takes its own options, up to ; or +.
      while (i + 1 < words.length && !/^[;+]$/.test(words[i + 1] ?? "")) i++;
      continue;
    }
    if (!FIND_VALUES.has(lit) && !/^-newer/.test(lit) && lit !== "-fprintf") continue;
    const value = words[i + 1];
    if (value !== undefined) {
      const problem = valueProblem(lit, value);
      if (problem) out.push({ index: i + 1, option: `${lit} ${value}`, value: true, ...problem });
    }
    i += lit === "-fprintf" ? 2 : 1;
  }
  return out;
}

function valueProblem(
  primary: string,
  value: string,
): { what: string; advice: string } | undefined {
  if (primary === "-type" && value.includes(",")) {
    return { what: `-type ${value} (a list of types)`, advice: "write \\( -type f -o -type d \\)" };
  }
  if (primary === "-size" && /^[+-]?\d+[MG]$/.test(value)) {
    return {
      what: `-size ${value} (M and G units)`,
      advice: "write the size in k (1M is 1024k)",
    };
  }
  return undefined;
}
