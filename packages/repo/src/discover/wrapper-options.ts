import { shellWords } from "../dockerfile/words.js";

/**
 * How a program that starts another (`tini -g cmd`, `gosu USER cmd`) reads its own words, from
 * the tools' --help and man pages. Options are one table per wrapper: tini's `-s` takes no value
 * where timeout's does, so one shared list would swallow the script or read a value as it.
 */
export interface WrapperSpec {
  /** Operands of its own before the command: gosu's USER, timeout's DURATION. */
  own: number;
  /** Short option letters without a value. */
  flags: string;
  /** Short option letters that take a value (attached, `-e143`, or the next word). */
  values: string;
  longFlags?: readonly string[];
  longValues?: readonly string[];
  /** env: `NAME=VALUE` words come before the command. */
  assignments?: boolean;
  /** env -S: the value is split into words that start the command. */
  split?: { short: string; long: string };
  /** nice -10: a dash and digits is an option. */
  digits?: boolean;
}

const PLAIN: WrapperSpec = { own: 0, flags: "", values: "" };
const TINI: WrapperSpec = { own: 0, flags: "sgvwlh", values: "pe", longFlags: ["--version"] };

/** Wrapper programs by their file name. */
export const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map<string, WrapperSpec>([
  ["tini", TINI],
  ["tini-static", TINI],
  [
    "dumb-init",
    {
      own: 0,
      flags: "cvVh",
      values: "r",
      longFlags: ["--single-child", "--verbose", "--version", "--help"],
      longValues: ["--rewrite"],
    },
  ],
  ["catatonit", { own: 0, flags: "gPLhV", values: "" }],
  ["exec", { own: 0, flags: "cl", values: "a" }],
  [
    "env",
    {
      own: 0,
      flags: "i0v",
      values: "uCS",
      longFlags: [
        "--ignore-environment",
        "--null",
        "--debug",
        "--list-signal-handling",
        "--block-signal",
        "--default-signal",
        "--ignore-signal",
      ],
      longValues: ["--unset", "--chdir", "--split-string"],
      assignments: true,
      split: { short: "S", long: "--split-string" },
    },
  ],
  ["nice", { own: 0, flags: "", values: "n", longValues: ["--adjustment"], digits: true }],
  ["nohup", PLAIN],
  [
    "time",
    {
      own: 0,
      flags: "apvq",
      values: "fo",
      longFlags: ["--append", "--portability", "--verbose", "--quiet"],
      longValues: ["--format", "--output"],
    },
  ],
  ["setsid", { own: 0, flags: "cfw", values: "", longFlags: ["--ctty", "--fork", "--wait"] }],
  ["gosu", { ...PLAIN, own: 1 }],
  ["su-exec", { ...PLAIN, own: 1 }],
  ["s6-setuidgid", { ...PLAIN, own: 1 }],
  [
    "timeout",
    {
      own: 1,
      flags: "v",
      values: "sk",
      longFlags: ["--preserve-status", "--foreground", "--verbose"],
      longValues: ["--signal", "--kill-after"],
    },
  ],
]);

/** How many unknown options are read both ways (with and without a value) before one way only. */
const MAX_FORKS = 4;

/**
 * The commands a wrapper may start, given the words after its name: one, or more when it has an
 * option its table lacks (fail closed: read both as a flag and as taking the next word, so a
 * script behind it is found either way).
 */
export function wrappedCommands(spec: WrapperSpec, args: readonly string[]): string[][] {
  const out: string[][] = [];
  readWrapper(spec, args, spec.own, out, 0);
  return out;
}

function readWrapper(
  spec: WrapperSpec,
  args: readonly string[],
  own: number,
  out: string[][],
  forks: number,
): void {
  let k = 0;
  let left = own;
  while (k < args.length) {
    const word = args[k]!;
    if (word === "--") {
      out.push(args.slice(k + 1 + left));
      return;
    }
    if (spec.assignments && (word === "-" || /^[^-=][^=]*=/.test(word))) {
      k++;
      continue;
    }
    if (!word.startsWith("-") || word.length === 1) {
      if (left === 0) {
        out.push(args.slice(k));
        return;
      }
      left--;
      k++;
      continue;
    }
    const option = readOption(spec, word, args[k + 1]);
    if (option === undefined) {
      // Unknown: also read it as taking the next word.
      if (forks < MAX_FORKS) readWrapper(spec, args.slice(k + 2), left, out, forks + 1);
      k++;
    } else if (option.split !== undefined) {
      out.push(
        ...wrappedCommands({ ...spec, own: left }, [
          ...option.split,
          ...args.slice(k + option.used),
        ]),
      );
      return;
    } else k += option.used;
  }
  out.push([]);
}

interface Option {
  /** Words it takes, itself included. */
  used: number;
  /** env -S: the words its value splits into. */
  split?: string[];
}

/** How option `word` of a wrapper reads, or undefined when its table lacks it. */
function readOption(spec: WrapperSpec, word: string, next: string | undefined): Option | undefined {
  if (word.startsWith("--")) return readLong(spec, word, next);
  if (spec.digits && /^-\d+$/.test(word)) return { used: 1 };
  for (let i = 1; i < word.length; i++) {
    const letter = word[i]!;
    if (spec.flags.includes(letter)) continue;
    if (!spec.values.includes(letter)) return undefined;
    const attached = word.slice(i + 1);
    const value = attached !== "" ? attached : next;
    const used = attached !== "" ? 1 : 2;
    if (letter === spec.split?.short) return { used, split: shellWords(value ?? "") };
    return { used };
  }
  return { used: 1 };
}

function readLong(spec: WrapperSpec, word: string, next: string | undefined): Option | undefined {
  const eq = word.indexOf("=");
  const name = eq < 0 ? word : word.slice(0, eq);
  if (spec.longFlags?.includes(name)) return { used: 1 };
  if (!spec.longValues?.includes(name)) return undefined;
  const value = eq < 0 ? next : word.slice(eq + 1);
  const used = eq < 0 ? 2 : 1;
  if (name === spec.split?.long) return { used, split: shellWords(value ?? "") };
  return { used };
}
