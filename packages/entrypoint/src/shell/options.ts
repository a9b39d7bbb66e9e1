import { literal, type Word } from "./scan.js";

/** Which options take a value, and long names mapped to their short letter. */
export interface OptionSpec {
  withValue: string;
  flags: string;
  long: Record<string, string>;
}

export interface ParsedOptions {
  values: Map<string, Word & { value: string }>;
  flags: Set<string>;
  positionals: Word[];
  /** Options the spec does not know, as written. */
  unknown: string[];
}

/**
 * getopt-style parsing of a command's words (after the command name). Option words must be
 * literal; a value may be any word (its source text is kept, so "$VAR" survives a rewrite).
 */
export function parseOptions(args: Word[], spec: OptionSpec): ParsedOptions {
  const out: ParsedOptions = { values: new Map(), flags: new Set(), positionals: [], unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const lit = literal(w.text);
    if (lit === "--") {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (lit === undefined || !lit.startsWith("-") || lit === "-") {
      out.positionals.push(w);
      continue;
    }
    if (lit.startsWith("--")) {
      const [name, inline] = splitLong(lit.slice(2));
      const short = spec.long[name];
      if (short === undefined) out.unknown.push(lit);
      else if (spec.withValue.includes(short)) {
        if (inline !== undefined)
          out.values.set(short, { ...w, value: inline, text: shellWord(inline) });
        else i = takeNext(args, i, short, out);
      } else out.flags.add(short);
      continue;
    }
    for (let k = 1; k < lit.length; k++) {
      const ch = lit[k]!;
      if (spec.withValue.includes(ch)) {
        const rest = lit.slice(k + 1);
        if (rest !== "") out.values.set(ch, { ...w, value: rest, text: shellWord(rest) });
        else i = takeNext(args, i, ch, out);
        break;
      }
      if (spec.flags.includes(ch)) out.flags.add(ch);
      else out.unknown.push(`-${ch}`);
    }
  }
  return out;
}

/** The value as one shell word: as is when plain, else single-quoted. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

function splitLong(s: string): [string, string | undefined] {
  const eq = s.indexOf("=");
  return eq < 0 ? [s, undefined] : [s.slice(0, eq), s.slice(eq + 1)];
}

function takeNext(args: Word[], i: number, key: string, out: ParsedOptions): number {
  const next = args[i + 1];
  if (next === undefined) {
    out.unknown.push(`-${key} (no value)`);
    return i;
  }
  out.values.set(key, { ...next, value: literal(next.text) ?? next.text });
  return i + 1;
}
