import type { Word } from "../shell/tokens.js";

/** The options and operands of one user/group tool call, values as written or as read. */
export interface Parsed {
  options: Map<string, string | true>;
  operands: string[];
}

/** Says why a call is left as is (with a warning) and gives up on it. */
export type Fail = (why: string) => undefined;

/**
 * Words written with expansions; they are emitted as written, never re-quoted. Kept across calls:
 * a group name from an earlier RUN (`groupadd -g $GID ${group}`) may be written again later.
 */
const RAW = new Set<string>();
/** The literal values of the call read last: quoted even where another call had the same text. */
const LITERAL = new Set<string>();

/** A word's text: its literal value, or as written when it expands something. */
function wordText(w: Word | undefined): string | undefined {
  if (w === undefined) return undefined;
  if (w.value !== undefined) {
    LITERAL.add(w.value);
    return w.value;
  }
  // A word with expansions ("$HOME_DIR") is kept exactly as written.
  RAW.add(w.raw);
  return w.raw;
}

/** Reads `-x value`, `-xvalue`, `--long value`, `--long=value` and bundled flags like `-aG`. */
export function parseOptions(
  words: Word[],
  withValue: Set<string>,
  aliases: Record<string, string>,
): Parsed | undefined {
  LITERAL.clear();
  const options = new Map<string, string | true>();
  const operands: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const v = wordText(words[k]);
    if (v === undefined) return undefined;
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const key = eq === -1 ? v : v.slice(0, eq);
      const name = aliases[key] ?? key;
      if (eq !== -1) options.set(name, v.slice(eq + 1));
      else if (withValue.has(name)) {
        const next = wordText(words[++k]);
        if (next === undefined) return undefined;
        options.set(name, next);
      } else options.set(name, true);
    } else if (v.startsWith("-") && v.length > 1) {
      for (let c = 1; c < v.length; c++) {
        const flag = `-${v[c]}`;
        if (withValue.has(flag)) {
          const rest = v.slice(c + 1);
          const value = rest !== "" ? rest : wordText(words[++k]);
          if (value === undefined) return undefined;
          options.set(flag, value);
          break;
        }
        options.set(flag, true);
      }
    } else operands.push(v);
  }
  return { options, operands };
}

/** The value given to the first of `keys` that has one, or undefined (absent, or bare flags). */
export function optionValue(options: Parsed["options"], ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = options.get(key);
    if (typeof value === "string") return value;
  }
  return undefined;
}

/** Quotes a value for the shell, unless it was written with expansions. */
export function q(s: string): string {
  // `-c '$NAME'` stays literal though an earlier call wrote `-c $NAME`.
  if (RAW.has(s) && !LITERAL.has(s)) return s;
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
