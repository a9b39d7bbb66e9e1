/**
 * `echo` and backslash escapes. Debian's and Ubuntu's /bin/sh is dash, whose echo builtin always
 * turns `\n`, `\t`, `\c`, `\\`, `\0NNN`… into other bytes; busybox ash's echo (Alpine's /bin/sh)
 * does so only with `-e`, and bash's not at all without it. The one reading behind `alpinize
 * migrate` (which rewrites such an echo of a RUN that ran under dash), `alpinize check`
 * (`echo-escapes` in a RUN busybox ash runs) and the entrypoint lint (under `#!/bin/sh`).
 *
 * dash (src/bltin/printf.c, conv_escape_str): `\c` ends all output, the newline included;
 * `\\ \a \b \e \f \n \r \t \v` (Debian patches in `\e`); `\0` followed by up to three octal
 * digits, or `\1`…`\7` with up to two more, is that byte (the value modulo 256); any other
 * backslash is printed as it is. `-n`, alone and first, is its only option (`echo -e x` prints
 * `-e x`). busybox `echo -e` reads the same escapes the same way, except that it also reads `\xHH`
 * and stops an octal number before it passes 255 (`\0777` is `?` and `7`, dash's is byte 255).
 */
import { usedWordTexts } from "./braced-words.js";
import { type Quoting, type Unit, unitsValue, wordUnits } from "./shell-word.js";

/** `#!/bin/sh`, `#!/bin/dash`, `#!/usr/bin/env sh`: a script Debian ran with dash. */
const SH_SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/(?:usr\/)?bin\/)?(?:sh|dash)(?:\s|$)/;

/** Whether a script's first line runs it with /bin/sh or dash: under dash's echo on Debian. */
export function isDashShebang(text: string): boolean {
  return SH_SHEBANG.test(text.split("\n", 1)[0] ?? "");
}

const DASH_NAMED = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/(?:usr\/)?bin\/)?dash(?:\s|$)/;

/**
 * Whether a script's first line runs it with /bin/sh (not dash by name): dash's echo on Debian,
 * busybox ash's on Alpine, where a `#!/bin/dash` script still runs under Alpine's dash.
 */
export function isBinShShebang(text: string): boolean {
  const first = text.split("\n", 1)[0] ?? "";
  return SH_SHEBANG.test(first) && !DASH_NAMED.test(first);
}

/** One escape dash's echo turns into other bytes, in argument word `word` (0: after `echo`). */
export interface EchoEscape {
  word: number;
  /** Where it is written in the word: `[start, end)` of the raw text. */
  start: number;
  end: number;
  /** The escape as echo receives it (`\n`, `\0777`, `\\`). */
  text: string;
}

interface Found {
  kind: "byte" | "stop" | "octal" | "backslash-x";
  /** Unit indices `[from, to)`. */
  from: number;
  to: number;
  value?: number;
}

const LETTERS = new Set(["\\", "a", "b", "e", "f", "n", "r", "t", "v"]);
const isOctal = (u: Unit | undefined) => u?.ch !== undefined && u.ch >= "0" && u.ch <= "7";

/** The escapes of one word's units as dash's echo reads them; stops after `\c`. */
function scan(units: readonly Unit[]): { found: Found[]; stopped: boolean } {
  const found: Found[] = [];
  for (let k = 0; k < units.length; k++) {
    if (units[k]!.ch !== "\\") continue;
    const next = units[k + 1]?.ch;
    if (next === undefined) continue;
    if (next === "c") {
      found.push({ kind: "stop", from: k, to: k + 2 });
      return { found, stopped: true };
    }
    if (LETTERS.has(next)) {
      found.push({ kind: "byte", from: k, to: k + 2 });
      k++;
    } else if (isOctal(units[k + 1])) {
      // `\0` before an octal digit: the 0 only marks the number (`\0101` is `A`).
      let end = next === "0" && isOctal(units[k + 2]) ? k + 2 : k + 1;
      let value = 0;
      for (const limit = end + 3; end < limit && isOctal(units[end]); end++)
        value = value * 8 + Number(units[end]!.ch);
      found.push({ kind: "octal", from: k, to: end, value });
      k = end - 1;
    } else if (next === "x") found.push({ kind: "backslash-x", from: k, to: k + 1 });
  }
  return { found, stopped: false };
}

interface Read {
  /**
   * Units of the argument words that hold an escape echo reads, by word index: only those, so
   * that a call of millions of plain words keeps no per-character record of them.
   */
  words: Map<number, Unit[]>;
  /** Index of the first word echo prints (after its options). */
  first: number;
  found: { word: number; f: Found }[];
}

/** A word's value after quote removal; undefined when it expands anything or does not read. */
function wordValue(raw: string): string | undefined {
  const units = wordUnits(raw);
  return units ? unitsValue(units) : undefined;
}

/** Reads the value of argument word `k`; options ask only for the leading words they look at. */
type Options = (value: (k: number) => string | undefined, count: number) => number;

/** What echo prints from the words, its options being those `options` takes off the front. */
function read(args: readonly string[], options: Options): Read {
  const first = options((k) => wordValue(args[k]!), args.length);
  const words: Read["words"] = new Map();
  const found: Read["found"] = [];
  for (let word = first; word < args.length; word++) {
    // Every escape starts with a backslash written in the word: the rest need no reading.
    if (!args[word]!.includes("\\")) continue;
    const units = wordUnits(args[word]!);
    if (!units) continue;
    const scanned = scan(units);
    if (scanned.found.length > 0) words.set(word, units);
    for (const f of scanned.found) found.push({ word, f });
    if (scanned.stopped) break;
  }
  return { words, first, found };
}

const dashOptions: Options = (value, count) => (count > 0 && value(0) === "-n" ? 1 : 0);

const BUSYBOX_OPTION = /^-[neE]+$/;

/** busybox echo's options: leading words of only n, e and E after a dash. */
const busyboxOptions: Options = (value, count) => {
  let k = 0;
  while (k < count && BUSYBOX_OPTION.test(value(k) ?? "")) k++;
  return k;
};

function escapes(r: Read, kinds: readonly Found["kind"][]): EchoEscape[] {
  return r.found
    .filter(({ f }) => kinds.includes(f.kind))
    .map(({ word, f }) => {
      const units = r.words.get(word)!.slice(f.from, f.to);
      return {
        word,
        start: units[0]!.start,
        end: units.at(-1)!.end,
        text: units.map((u) => u.ch).join(""),
      };
    });
}

const INTERPRETED: readonly Found["kind"][] = ["byte", "stop", "octal"];

/**
 * The escapes dash's echo turns into other bytes in a call it runs (`args`: the raw words after
 * `echo`, quotes included), where busybox's echo without -e would print them as written.
 */
export function dashEchoEscapes(args: readonly string[]): EchoEscape[] {
  return escapes(read(args, dashOptions), INTERPRETED);
}

/**
 * The escapes busybox ash's echo prints as written in a call it runs (no `-e` among its options)
 * that dash's echo would have turned into other bytes: a habit from Debian's /bin/sh, or a
 * backslash meant as one.
 */
export function ashEchoEscapes(args: readonly string[]): EchoEscape[] {
  if (ashReadsEscapes(args)) return [];
  return escapes(read(args, busyboxOptions), INTERPRETED);
}

/** Whether busybox ash's echo is given -e (the last of -e and -E wins). */
function ashReadsEscapes(args: readonly string[]): boolean {
  const count = busyboxOptions((k) => wordValue(args[k]!), args.length);
  const options = args
    .slice(0, count)
    .map((a) => wordValue(a))
    .join("");
  return options.lastIndexOf("e") > options.lastIndexOf("E");
}

/** An escape written as dash's echo reads it: the letters, `\\`, or an octal digit. */
const WRITTEN_ESCAPE = /\\(?:[\\abcefnrtv]|[0-7])/g;

/**
 * Escapes written inside a `${ }` of a word echo prints (`"${X:-a\tb}"`): when the default or
 * alternative is used, echo gets them, and dash's turns them into characters where busybox ash's
 * without -e prints them. Only a word the expansion can hand on counts, not a pattern
 * (`"${X#a\tb}"` strips a prefix, the same in both shells; see `usedWordTexts`). Not read exactly
 * (whether that word is used is known only at run time, and quoting inside `${ }` differs between
 * shells), so they are named, never rewritten.
 * `shell`: the echo whose options come off the front; ash's given -e reads them itself.
 */
export function bracedEchoEscapes(args: readonly string[], shell: "dash" | "ash"): string[] {
  if (shell === "ash" && ashReadsEscapes(args)) return [];
  const first = (shell === "dash" ? dashOptions : busyboxOptions)(
    (k) => wordValue(args[k]!),
    args.length,
  );
  const out: string[] = [];
  for (const raw of args.slice(first)) {
    if (!raw.includes("${") || !raw.includes("\\")) continue;
    for (const u of wordUnits(raw) ?? []) {
      if (u.ch !== undefined || !raw.startsWith("${", u.start)) continue;
      for (const piece of usedWordTexts(raw.slice(u.start, u.end)))
        for (const m of piece.matchAll(WRITTEN_ESCAPE)) out.push(m[0]);
    }
  }
  return [...new Set(out)];
}

/** A change to one argument word (`word`), at `[start, end)` of its raw text. */
export interface EchoWordEdit {
  word: number;
  start: number;
  end: number;
  text: string;
}

export type DashEcho =
  | { kind: "none" }
  | {
      kind: "rewrite";
      /** `-e` goes right after `echo`; `-ne` replaces argument word 0 (dash's `-n`). */
      option: "-e" | "-ne";
      /** Escapes busybox would read otherwise, spelled so that it gives dash's bytes. */
      edits: EchoWordEdit[];
      escapes: EchoEscape[];
    }
  | {
      kind: "declined";
      /**
       * `option`: the first word echo prints is one busybox takes as its option (`-e`, which dash
       * prints); `split`: an escape that needs respelling is written across quotes.
       */
      reason: "option" | "split";
      /** The option word, for `option`. */
      word?: string;
      escapes: EchoEscape[];
    };

/**
 * How a call of dash's echo (`args`: the raw words after `echo`) gives the same bytes under busybox
 * ash: `echo -e` with the same words, where an octal escape past 255 is written as its byte
 * (`\0777` → `\0377`) and a `\x` gets its backslash doubled (dash prints it as written, busybox
 * -e would read hex). The words stay words: field splitting, globs, empty expansions and `\c` stay
 * what they were, which `printf '%b\n'` (one format for each argument) would not keep. What a
 * variable holds at run time is read by both, the same except for `\x` and octals past 255.
 */
export function dashEcho(args: readonly string[]): DashEcho {
  const r = read(args, dashOptions);
  const found = escapes(r, INTERPRETED);
  if (found.length === 0) return { kind: "none" };
  const value = r.first < args.length ? wordValue(args[r.first]!) : undefined;
  if (value !== undefined && BUSYBOX_OPTION.test(value))
    return { kind: "declined", reason: "option", word: value, escapes: found };
  const edits: EchoWordEdit[] = [];
  for (const { word, f } of r.found) {
    const units = r.words.get(word)!;
    if (f.kind === "backslash-x") {
      const u = units[f.from]!;
      edits.push({ word, start: u.start, end: u.start, text: guard(quotingOf(u)) });
    } else if (f.kind === "octal" && f.value! > 255) {
      const edit = respelled(units.slice(f.from, f.to), f.value! % 256);
      if (!edit) return { kind: "declined", reason: "split", escapes: found };
      edits.push({ word, ...edit });
    }
  }
  return { kind: "rewrite", option: r.first === 1 ? "-ne" : "-e", edits, escapes: found };
}

function quotingOf(u: Unit): Quoting {
  return u.ch === undefined ? "bare" : u.quoting;
}

/** What makes echo receive one more backslash, written before another in that quoting. */
function guard(quoting: Quoting): string {
  return quoting === "single" ? "\\" : "\\\\";
}

/** `\0NNN` for the byte, written where the escape was: all of it in one quoted or bare run. */
function respelled(
  units: readonly Unit[],
  byte: number,
): { start: number; end: number; text: string } | undefined {
  const quoting = quotingOf(units[0]!);
  for (let k = 1; k < units.length; k++) {
    if (quotingOf(units[k]!) !== quoting || units[k]!.start !== units[k - 1]!.end) return undefined;
  }
  const octal = `0${byte.toString(8).padStart(3, "0")}`;
  return {
    start: units[0]!.start,
    end: units.at(-1)!.end,
    text: `${quoting === "bare" ? "\\\\" : "\\"}${octal}`,
  };
}
