/**
 * A small POSIX sh scanner: enough structure to find simple commands (with their words and
 * redirections, at byte offsets) in entrypoint scripts, including commands inside `$( )` and
 * backticks, while skipping comments and here-document bodies. It does not evaluate anything.
 */

export interface Word {
  /** Source text, quotes included. */
  text: string;
  start: number;
  end: number;
}

export interface Redirect {
  /** The operator with its file descriptor, e.g. `2>`, `>&`, `<<-`. */
  op: string;
  target: Word | undefined;
  start: number;
  end: number;
}

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
  start: number;
  end: number;
  /** 0 at top level, 1 inside one command substitution, and so on. */
  depth: number;
}

export interface ScanResult {
  commands: SimpleCommand[];
  /** Offset where a quote, `$( )`, `${ }` or backtick opens and never closes, if any. */
  unterminated?: number;
  /** Ranges that are not code: comments and here-document bodies. */
  inert: Array<[number, number]>;
}

const RESERVED = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "!",
  "{",
  "}",
  "time",
]);
const STOP = " \t\n;&|()<>";

// The first unclosed construct of the scan in progress (scans are synchronous, so one slot is enough).
let unclosed: number | undefined;

function opened(at: number): void {
  if (unclosed === undefined || at < unclosed) unclosed = at;
}

export function scanShell(text: string): ScanResult {
  const out: ScanResult = { commands: [], inert: [] };
  unclosed = undefined;
  scanRange(text, 0, text.length, 0, out);
  out.commands.sort((a, b) => a.start - b.start);
  if (unclosed !== undefined) out.unterminated = unclosed;
  return out;
}

interface Pending {
  delim: string;
  stripTabs: boolean;
}

function scanRange(s: string, from: number, to: number, depth: number, out: ScanResult): void {
  const substs: Array<[number, number]> = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  const heredocs: Pending[] = [];
  const finish = () => {
    if (words.length > 0 || redirects.length > 0) {
      const all = [...words, ...redirects];
      const start = Math.min(...all.map((x) => x.start));
      const end = Math.max(...all.map((x) => x.end));
      out.commands.push({ words, redirects, start, end, depth });
    }
    words = [];
    redirects = [];
  };
  let i = from;
  while (i < to) {
    const c = s[i]!;
    if (c === "\\" && s[i + 1] === "\n") {
      i += 2;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "\n") {
      finish();
      i = skipHeredocs(s, i + 1, to, heredocs, out);
    } else if (c === "#") {
      const nl = s.indexOf("\n", i);
      const end = nl < 0 || nl > to ? to : nl;
      out.inert.push([i, end]);
      i = end;
    } else if (";&|()".includes(c)) {
      finish();
      i += s[i + 1] === c && c !== "(" && c !== ")" ? 2 : 1;
    } else if (isRedirectStart(s, i)) {
      const r = readRedirect(s, i, to, substs);
      redirects.push(r);
      if (r.op.endsWith("<<") || r.op.endsWith("<<-")) {
        heredocs.push({ delim: unquote(r.target?.text ?? ""), stripTabs: r.op.endsWith("-") });
      }
      i = r.end;
    } else {
      const end = readWord(s, i, to, substs);
      const word = { text: s.slice(i, end), start: i, end };
      if (!(words.length === 0 && RESERVED.has(word.text))) words.push(word);
      i = end;
    }
  }
  finish();
  for (const [a, b] of substs) scanRange(s, a, b, depth + 1, out);
}

function isRedirectStart(s: string, i: number): boolean {
  let j = i;
  while (j < s.length && s[j]! >= "0" && s[j]! <= "9") j++;
  return s[j] === ">" || s[j] === "<";
}

function readRedirect(s: string, i: number, to: number, substs: Array<[number, number]>): Redirect {
  let j = i;
  while (s[j]! >= "0" && s[j]! <= "9") j++;
  const ops = ["<<<", "<<-", "<<", ">>", ">&", "<&", ">|", "<>", ">", "<"];
  const op = ops.find((o) => s.startsWith(o, j)) ?? ">";
  j += op.length;
  const opText = s.slice(i, j);
  while (s[j] === " " || s[j] === "\t") j++;
  if (j >= to || STOP.includes(s[j]!)) return { op: opText, target: undefined, start: i, end: j };
  const end = readWord(s, j, to, substs);
  return { op: opText, target: { text: s.slice(j, end), start: j, end }, start: i, end };
}

function skipHeredocs(
  s: string,
  i: number,
  to: number,
  pending: Pending[],
  out: ScanResult,
): number {
  let pos = i;
  while (pending.length > 0) {
    const { delim, stripTabs } = pending.shift()!;
    const bodyStart = pos;
    for (;;) {
      if (pos >= to) {
        out.inert.push([bodyStart, to]);
        return to;
      }
      const nl = s.indexOf("\n", pos);
      const lineEnd = nl < 0 || nl > to ? to : nl;
      let line = s.slice(pos, lineEnd);
      if (stripTabs) line = line.replace(/^\t+/, "");
      pos = lineEnd + 1;
      if (line === delim) {
        out.inert.push([bodyStart, lineEnd]);
        break;
      }
    }
  }
  return Math.min(pos, to);
}

/** End offset of the word starting at i. Records `$( )` and backtick bodies in substs. */
export function readWord(
  s: string,
  i: number,
  to: number,
  substs: Array<[number, number]>,
): number {
  while (i < to) {
    const c = s[i]!;
    if (STOP.includes(c)) break;
    if (c === "\\") i += 2;
    else if (c === "'") i = closeSingle(s, i, to);
    else if (c === '"') i = readDouble(s, i + 1, to, substs);
    else if (c === "`") i = readBacktick(s, i, to, substs);
    else if (c === "$" && s[i + 1] === "(") i = readDollarParen(s, i, to, substs);
    else if (c === "$" && s[i + 1] === "{") i = matchClose(s, i + 1, to, "{", "}") + 1;
    else i++;
  }
  return Math.min(i, to);
}

function closeSingle(s: string, i: number, to: number): number {
  const j = s.indexOf("'", i + 1);
  if (j >= 0 && j < to) return j + 1;
  opened(i);
  return to;
}

function readDouble(s: string, i: number, to: number, substs: Array<[number, number]>): number {
  const open = i - 1;
  while (i < to) {
    const c = s[i]!;
    if (c === '"') return i + 1;
    if (c === "\\") i += 2;
    else if (c === "`") i = readBacktick(s, i, to, substs);
    else if (c === "$" && s[i + 1] === "(") i = readDollarParen(s, i, to, substs);
    else if (c === "$" && s[i + 1] === "{") i = matchClose(s, i + 1, to, "{", "}") + 1;
    else i++;
  }
  opened(open);
  return to;
}

function readBacktick(s: string, i: number, to: number, substs: Array<[number, number]>): number {
  let j = i + 1;
  while (j < to && s[j] !== "`") j += s[j] === "\\" ? 2 : 1;
  if (j >= to) opened(i);
  substs.push([i + 1, Math.min(j, to)]);
  return Math.min(j + 1, to);
}

function readDollarParen(
  s: string,
  i: number,
  to: number,
  substs: Array<[number, number]>,
): number {
  const close = matchClose(s, i + 1, to, "(", ")");
  if (s[i + 2] !== "(") substs.push([i + 2, close]);
  return Math.min(close + 1, to);
}

/** Index of the bracket that closes the one at `open`, skipping quoted text. */
function matchClose(s: string, open: number, to: number, o: string, c: string): number {
  let depth = 0;
  let i = open;
  while (i < to) {
    const ch = s[i]!;
    if (ch === "\\") i += 2;
    else if (ch === "'") i = closeSingle(s, i, to);
    else if (ch === '"') i = readDouble(s, i + 1, to, []);
    else {
      if (ch === o) depth++;
      else if (ch === c && --depth === 0) return i;
      i++;
    }
  }
  opened(open);
  return to;
}

/** The literal value of a word made only of plain text and quotes; undefined if it expands. */
export function literal(text: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const j = text.indexOf("'", i + 1);
      if (j < 0) return undefined;
      out += text.slice(i + 1, j);
      i = j + 1;
    } else if (c === '"') {
      const j = text.indexOf('"', i + 1);
      if (j < 0) return undefined;
      const inner = text.slice(i + 1, j);
      if (/[$`\\]/.test(inner)) return undefined;
      out += inner;
      i = j + 1;
    } else if (c === "$" || c === "`" || c === "*" || c === "?" || c === "[") {
      return undefined;
    } else if (c === "\\") {
      out += text[i + 1] ?? "";
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function unquote(text: string): string {
  return text.replace(/['"\\]/g, "");
}

// Line starts of the last text asked about: rewrite and lint ask for many offsets of one text.
let lineText: string | undefined;
let lineStarts: number[] = [];

/** 1-based line and column of an offset; a binary search over the text's line starts. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  if (text !== lineText) {
    lineStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
    lineText = text;
  }
  const at = Math.min(Math.max(offset, 0), text.length);
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
