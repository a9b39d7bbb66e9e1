import type { Pending, ScanContext } from "./context.js";
import { readBacktick, readDollarParen } from "./word.js";

/** The here-document a `<<` or `<<-` redirection with this target word opens. */
export function heredoc(op: string, target: string): Pending {
  return {
    delim: target.replace(/['"\\]/g, ""),
    stripTabs: op.endsWith("-"),
    quoted: /['"\\]/.test(target),
  };
}

/**
 * Reads the bodies of the pending here-documents, in the order their `<<` came, from i (just
 * past the newline ending the line that opened them); returns where the code goes on. Empties
 * `pending`. Each body is an inert range. It walks the queue by index: shifting an array is
 * linear per call, which made a line opening 100k here-documents quadratic.
 */
export function skipHeredocs(
  sc: ScanContext,
  i: number,
  to: number,
  depth: number,
  pending: Pending[],
): number {
  let pos = i;
  for (let k = 0; k < pending.length && pos < to; k++) {
    pos = skipBody(sc, pos, to, depth, pending[k]!);
  }
  pending.length = 0;
  return Math.min(pos, to);
}

/**
 * One body, up to and past its delimiter line (or to `to`). An unquoted body is read as sh
 * reads it: `$( )` and backquotes in it are parsed (dash while reading the script, bash when it
 * expands the body), so an error inside one is a syntax error; a substitution may run over
 * lines, the delimiter line included, as in dash, and a backslash-newline joins two lines.
 * `${ }`, `$(( ))` and quotes stay text, except for the `$( )` inside them: where dash and
 * bash read those differently, nothing is reported. The commands in its `$( )` and backquotes
 * are collected marked `heredoc` (they run when the body is expanded): the lint reads them, the
 * rewrite leaves them, as it cannot move a call out of the body. A here-document a `$( )` in the body opens
 * (`$(cat <<X)`) stays in sc.carried: dash reads its body after the next newline of code
 * (bash refuses the body anyway).
 */
function skipBody(sc: ScanContext, from: number, to: number, depth: number, h: Pending): number {
  const { s, out } = sc;
  let pos = from;
  sc.heredoc++;
  try {
    while (pos < to) {
      const nl = s.indexOf("\n", pos);
      const lineEnd = nl < 0 || nl > to ? to : nl;
      if (isDelimiter(s, pos, lineEnd, h)) {
        out.inert.push([from, lineEnd]);
        return lineEnd + 1;
      }
      pos = h.quoted ? lineEnd + 1 : expandLine(sc, pos, to, depth);
    }
    out.inert.push([from, to]);
    return to;
  } finally {
    sc.heredoc--;
  }
}

function isDelimiter(s: string, start: number, end: number, h: Pending): boolean {
  let i = start;
  if (h.stripTabs) while (i < end && s[i] === "\t") i++;
  return end - i === h.delim.length && s.startsWith(h.delim, i);
}

const SPECIAL = /[\n\\`$]/g;

/** Scans one line of an unquoted body from i; returns the offset past the newline ending it. */
function expandLine(sc: ScanContext, from: number, to: number, depth: number): number {
  const s = sc.s;
  let i = from;
  while (i < to) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(s);
    if (m === null || m.index >= to) return to;
    i = m.index;
    const c = s[i];
    if (c === "\n") return i + 1;
    if (c === "\\") i += 2;
    else if (c === "`") i = readBacktick(sc, i, to, depth);
    else if (s[i + 1] === "$") i += 2;
    else if (s[i + 1] === "(" && s[i + 2] !== "(") i = readDollarParen(sc, i, to, depth);
    else i++;
  }
  return to;
}
