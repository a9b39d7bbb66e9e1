/**
 * What a shell word, as written (quotes included), hands the command after quote removal: one
 * unit per character that reaches it, each with where it is written and in which quoting, and an
 * opaque unit for what is known only at run time (`$x`, `${x}`, `$(…)`, `` `…` ``).
 */

export type Quoting = "single" | "double" | "bare";

export type Unit =
  | { ch: string; quoting: Quoting; start: number; end: number }
  | { ch: undefined; start: number; end: number };

/** Characters a backslash inside double quotes escapes (it is removed before them). */
const DOUBLE_ESCAPED = new Set(["$", "`", '"', "\\", "\n"]);

/**
 * The units of a word; undefined when it does not read as one whole word (a quote, `$(` or `${`
 * left open) or uses `$'…'`, whose meaning differs between shells. One pass over the text.
 */
export function wordUnits(raw: string): Unit[] | undefined {
  const units: Unit[] = [];
  let i = 0;
  let double = false;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '"') {
      double = !double;
      i++;
    } else if (c === "'" && !double) {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return undefined;
      for (let k = i + 1; k < close; k++)
        units.push({ ch: raw[k]!, quoting: "single", start: k, end: k + 1 });
      i = close + 1;
    } else if (c === "\\") {
      i = backslash(raw, i, double, units);
    } else if (c === "$" || c === "`") {
      if (c === "$" && raw[i + 1] === "'" && !double) return undefined;
      const end = expansionEnd(raw, i);
      if (end < 0) return undefined;
      if (end === i + 1) units.push({ ch: c, quoting: double ? "double" : "bare", start: i, end });
      else units.push({ ch: undefined, start: i, end });
      i = end;
    } else {
      units.push({ ch: c, quoting: double ? "double" : "bare", start: i, end: i + 1 });
      i++;
    }
  }
  return double ? undefined : units;
}

/** A backslash at `i`: what it hands on, and where reading goes on. */
function backslash(raw: string, i: number, double: boolean, units: Unit[]): number {
  const next = raw[i + 1];
  if (next === "\n") return i + 2;
  const quoting = double ? "double" : "bare";
  if (next === undefined || (double && !DOUBLE_ESCAPED.has(next))) {
    // Kept: inside double quotes before an ordinary character, or at the very end.
    units.push({ ch: "\\", quoting, start: i, end: i + 1 });
    return i + 1;
  }
  units.push({ ch: next, quoting, start: i, end: i + 2 });
  return i + 2;
}

/**
 * Where the expansion starting at `i` (`$` or a backquote) ends; `i + 1` for a `$` that expands
 * nothing (`$` before a blank or `/`), -1 for one left open.
 */
export function expansionEnd(raw: string, i: number): number {
  if (raw[i] === "`") return closeBackquote(raw, i + 1);
  const next = raw[i + 1] ?? "";
  if (next === "(") return closeGroup(raw, i + 2, "(", ")");
  if (next === "{") return closeGroup(raw, i + 2, "{", "}");
  if (/[@*#?$!0-9-]/.test(next)) return i + 2;
  if (!/[A-Za-z_]/.test(next)) return i + 1;
  let end = i + 2;
  while (end < raw.length && /\w/.test(raw[end]!)) end++;
  return end;
}

function closeBackquote(raw: string, from: number): number {
  for (let k = from; k < raw.length; k++) {
    if (raw[k] === "\\") k++;
    else if (raw[k] === "`") return k + 1;
  }
  return -1;
}

/**
 * The end of `$(…)` or `${…}` opened before `from`: nested pairs counted, quoted text and escaped
 * characters skipped. A `case` pattern's lone `)` inside `$( )` is not told apart (-1 or early).
 */
function closeGroup(raw: string, from: number, open: string, close: string): number {
  let depth = 1;
  let k = from;
  while (k < raw.length) {
    const c = raw[k]!;
    if (c === "\\") k += 2;
    else if (c === "'") {
      const end = raw.indexOf("'", k + 1);
      if (end < 0) return -1;
      k = end + 1;
    } else if (c === '"') {
      k = closeDouble(raw, k + 1);
      if (k < 0) return -1;
    } else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return k + 1;
      k++;
    }
  }
  return -1;
}

/** After the closing `"` of a double-quoted string opened before `from`, or -1. */
function closeDouble(raw: string, from: number): number {
  for (let k = from; k < raw.length; k++) {
    if (raw[k] === "\\") k++;
    else if (raw[k] === '"') return k + 1;
  }
  return -1;
}

/** The word's value when every character of it is known before it runs. */
export function unitsValue(units: readonly Unit[]): string | undefined {
  let out = "";
  for (const u of units) {
    if (u.ch === undefined) return undefined;
    out += u.ch;
  }
  return out;
}
