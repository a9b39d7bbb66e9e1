import type { Words } from "./words.js";

/**
 * What busybox `ps` rejects ("unrecognized option", or "bad -o argument" for a column it lacks),
 * measured with musl busybox 1.35 built with Alpine 3.23's options: it takes -o COLUMNS and -T,
 * ignores -a -A -d -e -f -l -Z and words without a dash (`ps aux`), and refuses the rest.
 */

/** The columns busybox `ps -o` knows (it lists them when it refuses one). */
export const PS_COLUMNS: ReadonlySet<string> = new Set(
  "user group comm args pid ppid pgid etime nice rgroup ruser time tty vsz sid stat rss".split(" "),
);

/** procps column names with a busybox column that prints the same. */
export const PS_SAME: Readonly<Record<string, string>> = {
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

/** Short options busybox ps takes (besides -o COLUMNS). */
export const PS_FLAGS = "aAdeflTZ";

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

export interface PsProblem {
  index: number;
  option: string;
  /** A column -o does not know, rather than an option ps lacks. */
  value?: true;
  /** What the message names: `-C`, `--no-headers`, `column %cpu`. */
  what: string;
  advice: string;
}

export function psProblems(words: Words): PsProblem[] {
  const out: PsProblem[] = [];
  const flag = (index: number, option: string, key: string) =>
    out.push({
      index,
      option,
      what: option,
      advice: Object.hasOwn(PS_ADVICE, key) ? PS_ADVICE[key]! : PS_DEFAULT,
    });
  for (let i = 0; i < words.length; i++) {
    const lit = words[i];
    // Words without a dash (`ps aux`) busybox ignores: it prints its own columns.
    if (lit === undefined || !lit.startsWith("-") || lit === "-") continue;
    if (lit === "--") break;
    if (lit.startsWith("--")) {
      const name = lit.split("=")[0]!;
      flag(i, name, name);
      continue;
    }
    for (let k = 1; k < lit.length; k++) {
      const letter = lit[k]!;
      if (letter === "o") {
        const inline = lit.slice(k + 1);
        const at = inline !== "" ? i : ++i;
        const columns = inline !== "" ? inline : words[at];
        if (at < words.length && columns !== undefined) out.push(...columnProblems(at, columns));
        break;
      }
      if (PS_FLAGS.includes(letter)) continue;
      flag(i, `-${letter}`, letter);
      break;
    }
  }
  return out;
}

/** busybox splits -o at every comma, even after a NAME=HEADER. */
function columnProblems(index: number, columns: string): PsProblem[] {
  const out: PsProblem[] = [];
  for (const part of columns.split(",")) {
    const name = part.split("=")[0]!;
    if (name === "" || PS_COLUMNS.has(name)) continue;
    const same = Object.hasOwn(PS_SAME, name) ? PS_SAME[name] : undefined;
    const advice = same
      ? `write ${same}, which prints the same`
      : `-o takes ${[...PS_COLUMNS].join(", ")}`;
    out.push({ index, option: `-o ${name}`, value: true, what: `column ${name}`, advice });
  }
  return out;
}
