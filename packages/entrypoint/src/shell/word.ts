import type { BackquoteQuoting } from "./backquote.js";
import { opened, type ScanContext } from "./context.js";
import { deeper } from "./nesting.js";

// `$$` (the shell's PID) is read whole everywhere below: `"$$(a)"` holds no substitution.

/** Characters that end an unquoted word. */
export const STOP = " \t\n;&|()<>";

/**
 * End offset of the word starting at i. Command substitutions inside it are scanned as they
 * are met (their commands land in sc.out), since only their grammar knows where they end.
 */
export function readWord(sc: ScanContext, i: number, to: number, depth: number): number {
  const s = sc.s;
  if ((s[i] === "<" || s[i] === ">") && s[i + 1] === "(") return readProcess(sc, i, to, depth);
  while (i < to) {
    const c = s[i]!;
    if (STOP.includes(c)) break;
    if (isNestedBacktick(sc, i)) i = readNestedBacktick(sc, i, to, depth, "plain");
    else if (c === "\\") i += 2;
    else if (c === "'") i = closeSingle(sc, i, to);
    else if (c === '"') i = readDouble(sc, i + 1, to, depth);
    else if (c === "`") i = readBacktick(sc, i, to, depth);
    else if (c === "$" && s[i + 1] === "$") i += 2;
    else if (c === "$" && s[i + 1] === "(") i = readDollarParen(sc, i, to, depth);
    else if (c === "$" && s[i + 1] === "{") i = readBrace(sc, i, to, depth);
    else if (c === "$" && s[i + 1] === "'") i = closeAnsi(sc, i, to);
    else i++;
  }
  return Math.min(i, to);
}

function closeSingle(sc: ScanContext, i: number, to: number): number {
  const j = sc.s.indexOf("'", i + 1);
  if (j >= 0 && j < to) return j + 1;
  opened(sc, i, "'");
  return to;
}

/** bash's `$'...'`, where `\'` does not end the string (dash has no such quote). */
function closeAnsi(sc: ScanContext, i: number, to: number): number {
  let j = i + 2;
  while (j < to && sc.s[j] !== "'") j += sc.s[j] === "\\" ? 2 : 1;
  if (j < to) return j + 1;
  opened(sc, i, "$'");
  return to;
}

function readDouble(sc: ScanContext, i: number, to: number, depth: number): number {
  const s = sc.s;
  const open = i - 1;
  while (i < to) {
    const c = s[i]!;
    if (c === '"') return i + 1;
    if (isNestedBacktick(sc, i)) i = readNestedBacktick(sc, i, to, depth, "double");
    else if (c === "\\") i += 2;
    else if (c === "`") i = readBacktick(sc, i, to, depth, "double");
    else if (c === "$" && s[i + 1] === "$") i += 2;
    else if (c === "$" && s[i + 1] === "(") i = readDollarParen(sc, i, to, depth);
    else if (c === "$" && s[i + 1] === "{") i = readBrace(sc, i, to, depth);
    else i++;
  }
  opened(sc, open, '"');
  return to;
}

/**
 * Backquoted text from the backquote at i; returns the offset after its closing one. `quoting`:
 * whether the backquotes stand in double quotes (`"`…`"`), which changes how sh unescapes them.
 */
export function readBacktick(
  sc: ScanContext,
  i: number,
  to: number,
  depth: number,
  quoting: BackquoteQuoting = "plain",
): number {
  return deeper(sc, i, () => backtick(sc, i, to, depth, quoting));
}

function backtick(
  sc: ScanContext,
  i: number,
  to: number,
  depth: number,
  quoting: BackquoteQuoting,
): number {
  let j = i + 1;
  while (j < to && sc.s[j] !== "`") j += sc.s[j] === "\\" ? 2 : 1;
  if (j >= to) opened(sc, i, "`");
  scanBackquoted(sc, i + 1, Math.min(j, to), depth, quoting);
  return Math.min(j + 1, to);
}

/** Reads a backquoted body's commands quietly, with the quoting its backquotes stand in. */
function scanBackquoted(
  sc: ScanContext,
  from: number,
  end: number,
  depth: number,
  quoting: BackquoteQuoting,
): void {
  const outer = sc.backquote;
  sc.quiet++;
  sc.backquote = quoting;
  try {
    sc.scanRange(from, end, depth + 1, "backtick");
  } finally {
    sc.quiet--;
    sc.backquote = outer;
  }
}

/** A `` \` `` in a backquoted body: it opens backquotes nested in them. */
function isNestedBacktick(sc: ScanContext, i: number): boolean {
  return sc.backquote !== undefined && sc.s[i] === "\\" && sc.s[i + 1] === "`";
}

/**
 * Backquotes nested in backquotes, from the `` \` `` at i to the next `` \` `` (as written, each
 * skipping `\\` pairs); returns the offset after it. Its commands are read as written, the one
 * level of escapes the outer backquotes take off included (backquote.ts); a third level, written
 * `` \\\` ``, is not told apart from the closing `` \` ``.
 */
function readNestedBacktick(
  sc: ScanContext,
  i: number,
  to: number,
  depth: number,
  quoting: BackquoteQuoting,
): number {
  return deeper(sc, i, () => {
    let j = i + 2;
    while (j < to && !(sc.s[j] === "\\" && sc.s[j + 1] === "`")) j += sc.s[j] === "\\" ? 2 : 1;
    if (j >= to) opened(sc, i, "`");
    scanBackquoted(sc, i + 2, Math.min(j, to), depth, quoting);
    return Math.min(j + 2, to);
  });
}

/** `$( )` or `$(( ))` from the `$` at i; returns the offset after its closing paren. */
export function readDollarParen(sc: ScanContext, i: number, to: number, depth: number): number {
  return deeper(sc, i, () => {
    if (sc.s[i + 2] === "(") {
      const close = matchParen(sc, i + 1, to, depth);
      if (close >= to) opened(sc, i + 1, "$((");
      return Math.min(close + 1, to);
    }
    const close = sc.scanRange(i + 2, to, depth + 1, "dollar");
    if (close >= to) opened(sc, i + 1, "$(");
    return Math.min(close + 1, to);
  });
}

/** bash's `<( )` and `>( )`: a command list like `$( )`. */
function readProcess(sc: ScanContext, i: number, to: number, depth: number): number {
  return deeper(sc, i, () => {
    const close = sc.scanRange(i + 2, to, depth + 1, "dollar");
    if (close >= to) opened(sc, i, "<(");
    return Math.min(close + 1, to);
  });
}

/** `${ … }`: only `${` nests; substitutions inside are read whole, their commands not kept. */
function readBrace(sc: ScanContext, i: number, to: number, depth: number): number {
  return deeper(sc, i, () => brace(sc, i, to, depth));
}

function brace(sc: ScanContext, i: number, to: number, depth: number): number {
  const s = sc.s;
  let j = i + 2;
  let level = 1;
  sc.mute++;
  while (j < to) {
    const c = s[j]!;
    if (c === "}" && --level === 0) break;
    if (c === "\\") j += 2;
    else if (c === "'") j = closeSingle(sc, j, to);
    else if (c === '"') j = readDouble(sc, j + 1, to, depth);
    else if (c === "`") j = readBacktick(sc, j, to, depth);
    else if (c === "$" && s[j + 1] === "$") j += 2;
    else if (c === "$" && s[j + 1] === "(") j = readDollarParen(sc, j, to, depth);
    else if (c === "$" && s[j + 1] === "{") {
      level++;
      j += 2;
    } else j++;
  }
  sc.mute--;
  if (j >= to) opened(sc, i + 1, "${");
  return Math.min(j + 1, to);
}

/**
 * Index of the paren that closes the one at `open` (or `to`) in `$(( ))`, skipping quoted text.
 * Commands in a `"$( )"` inside are checked but not collected, as before.
 */
function matchParen(sc: ScanContext, open: number, to: number, depth: number): number {
  const s = sc.s;
  let level = 0;
  let i = open;
  sc.mute++;
  try {
    while (i < to) {
      const ch = s[i]!;
      if (ch === "\\") i += 2;
      else if (ch === "'") i = closeSingle(sc, i, to);
      else if (ch === '"') i = readDouble(sc, i + 1, to, depth);
      else {
        if (ch === "(") level++;
        else if (ch === ")" && --level === 0) return i;
        i++;
      }
    }
    return to;
  } finally {
    sc.mute--;
  }
}

/**
 * Where bash's arithmetic command `(( … ))` starting at i ends, or -1 when the two parens do
 * not close together (`((a) | b)` is two subshells). Reports nothing: a miss is not an error.
 */
export function arithEnd(s: string, i: number, to: number): number {
  const outer = pairEnd(s, i, to);
  return outer > 0 && pairEnd(s, i + 1, to) === outer - 1 ? outer + 1 : -1;
}

function pairEnd(s: string, open: number, to: number): number {
  let level = 0;
  for (let i = open; i < to; i++) {
    const ch = s[i]!;
    if (ch === "\\") i++;
    else if (ch === "'" || ch === '"') {
      const j = s.indexOf(ch, i + 1);
      if (j < 0 || j >= to) return -1;
      i = j;
    } else if (ch === "(") level++;
    else if (ch === ")" && --level === 0) return i;
  }
  return -1;
}
