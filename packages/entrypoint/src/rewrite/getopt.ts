import { shellWord } from "../shell/options.js";
import { literal, type Word } from "../shell/scan.js";

export interface OptionSpec {
  /** Option as written (`-u`, `--user`) to its name; `values` take a value. */
  values: Readonly<Record<string, string>>;
  flags: Readonly<Record<string, string>>;
}

interface ReadOption {
  name: string;
  /** The value as shell source (`app`, `"$U"`). */
  value?: string;
}

/** What reading one option word needs: the spec, the next word (its value), the result. */
interface Reader {
  spec: OptionSpec;
  next: () => string | undefined;
  out: ReadOptions;
}

export interface ReadOptions {
  options: ReadOption[];
  operands: Word[];
  /** Options the spec does not know or that cannot be read, as written. */
  unknown: string[];
}

/**
 * Options in getopt's way: `-xVALUE`, `-x VALUE`, `--name=VALUE`, `--name VALUE`, clusters of
 * flags, `--` ending them. `permute`: options may follow operands (GNU getopt), else the first
 * operand ends them. A value keeps its shell source, so `--reuid="$U"` gives `"$U"`.
 */
export function readOptions(args: Word[], spec: OptionSpec, permute: boolean): ReadOptions {
  const out: ReadOptions = { options: [], operands: [], unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const lit = literal(w.text);
    if (lit === "--") {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!isOption(w.text, lit, spec)) {
      out.operands.push(w);
      if (permute) continue;
      out.operands.push(...args.slice(i + 1));
      break;
    }
    const next = () => {
      const v = args[i + 1];
      if (v) i++;
      return v?.text;
    };
    const reader = { spec, next, out };
    if (lit === "-" || /^"?--/.test(lit ?? w.text)) readLong(w.text, lit, reader);
    else readShort(w.text, lit, reader);
  }
  return out;
}

function isOption(raw: string, lit: string | undefined, spec: OptionSpec): boolean {
  if (lit !== undefined) return lit === "-" ? "-" in spec.flags : lit.startsWith("-");
  return /^-|^"-/.test(raw);
}

function readLong(raw: string, lit: string | undefined, { spec, next, out }: Reader): void {
  const m = /^"?(--[a-z][a-z-]*|-)(?:=(.*))?$/s.exec(lit ?? raw);
  const written = m?.[1] ?? raw;
  const name = spec.values[written] ?? spec.flags[written];
  if (!m || name === undefined) {
    out.unknown.push(written);
    return;
  }
  const inline = m[2];
  if (written in spec.flags) {
    if (inline === undefined) out.options.push({ name });
    else out.unknown.push(written);
    return;
  }
  const value = inline === undefined ? next() : inlineValue(raw, lit, written);
  if (value === undefined || value === "") out.unknown.push(written);
  else out.options.push({ name, value });
}

/** The text after `--name=` as shell source: `--user=app`, `--user="$U"`, `"--user=$U"`. */
function inlineValue(raw: string, lit: string | undefined, written: string): string | undefined {
  if (lit !== undefined) return shellWord(lit.slice(written.length + 1));
  if (raw.startsWith(`${written}=`)) return raw.slice(written.length + 1);
  const quoted = /^"([^"]*)"$/.exec(raw);
  return quoted ? `"${quoted[1]!.slice(written.length + 1)}"` : undefined;
}

function readShort(raw: string, lit: string | undefined, { spec, next, out }: Reader): void {
  if (lit === undefined) {
    // -u"$U": a value joined to its option.
    const key = raw.slice(0, 2);
    const name = spec.values[key];
    if (name !== undefined && raw.length > 2) out.options.push({ name, value: raw.slice(2) });
    else out.unknown.push(raw);
    return;
  }
  for (let k = 1; k < lit.length; k++) {
    const key = `-${lit[k]}`;
    const valueName = spec.values[key];
    if (valueName !== undefined) {
      const rest = lit.slice(k + 1);
      const value = rest !== "" ? shellWord(rest) : next();
      if (value === undefined) out.unknown.push(key);
      else out.options.push({ name: valueName, value });
      return;
    }
    const flag = spec.flags[key];
    if (flag !== undefined) out.options.push({ name: flag });
    else out.unknown.push(key);
  }
}
