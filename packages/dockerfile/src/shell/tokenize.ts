import { commandSubstitutionEnd } from "./grammar-substitution.js";
import type { Op, OpText, Redirect, Token, Word } from "./tokens.js";

const META = new Set([";", "&", "|", "(", ")", "<", ">", "\n", " ", "\t", "\r"]);
export const OPS: OpText[] = ["&&", "||", ";;", ";", "|", "&", "(", ")"];
/** The next character that ends a run of plain word characters. */
const PLAIN = /[;&|()<>\n \t\r'"\\$`]/g;

/** Thrown for text a POSIX shell would reject (unterminated quote or substitution). */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Splits a POSIX sh script into words, operators and redirections, recording every span. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: PendingHeredoc[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
    } else if (c === "\n") {
      tokens.push({ kind: "op", op: "\n", start: i, end: i + 1 });
      i++;
      if (pendingHeredocs.length > 0) i = skipHeredocBodies(text, i, pendingHeredocs.splice(0));
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (isRedirectStart(text, i)) {
      const redir = readRedirect(text, i);
      if (redir.heredoc) pendingHeredocs.push({ ...redir.heredoc, token: redir.token });
      tokens.push(redir.token);
      i = redir.token.end;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: "op", op, start: i, end: i + op.length } satisfies Op);
        i += op.length;
      } else {
        const word = readWord(text, i);
        tokens.push(word);
        i = word.end;
      }
    }
  }
  return tokens;
}

export function isRedirectStart(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && text[j]! >= "0" && text[j]! <= "9") j++;
  const c = text[j];
  if (c === "<" || c === ">") return j === i || isWordBoundary(text, i);
  return text.startsWith("&>", i);
}

function isWordBoundary(text: string, i: number): boolean {
  return i === 0 || META.has(text[i - 1]!);
}

/** A here-document opened on the current line, its body read after the line ends. */
export interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  token: Redirect;
}

export function readRedirect(
  text: string,
  start: number,
): { token: Redirect; heredoc?: { delimiter: string; stripTabs: boolean } } {
  let i = start;
  while (text[i]! >= "0" && text[i]! <= "9") i++;
  const m = /^(<<<|<<-|<<|>>|>&|<&|&>>|&>|>\||<>|<|>)/.exec(text.slice(i, i + 3));
  const op = m?.[1] ?? ">";
  i += op.length;
  while (text[i] === " " || text[i] === "\t") i++;
  const target = i < text.length && !META.has(text[i]!) ? readWord(text, i) : undefined;
  const end = target ? target.end : i;
  const token: Redirect = { kind: "redir", raw: text.slice(start, end), start, end };
  if ((op === "<<" || op === "<<-") && target) {
    const delimiter = target.raw.replace(/["'\\]/g, "");
    return { token, heredoc: { delimiter, stripTabs: op === "<<-" } };
  }
  return { token };
}

/** Skips the bodies of the here-documents a line opened, noting each body's span on its token. */
export function skipHeredocBodies(text: string, start: number, docs: PendingHeredoc[]): number {
  let i = start;
  for (const doc of docs) {
    const bodyStart = i;
    let bodyEnd = text.length;
    while (i < text.length) {
      const nl = text.indexOf("\n", i);
      const lineEnd = nl === -1 ? text.length : nl;
      let line = text.slice(i, lineEnd).replace(/\r$/, "");
      if (doc.stripTabs) line = line.replace(/^\t+/, "");
      const lineStart = i;
      i = nl === -1 ? text.length : nl + 1;
      if (line === doc.delimiter) {
        bodyEnd = lineStart;
        break;
      }
    }
    // A quoted delimiter (`<<'EOF'`, `<<\EOF`) leaves the body as written: nothing expands there.
    const target = doc.token.raw.replace(/^\d*<<-?\s*/, "");
    doc.token.body = { start: bodyStart, end: bodyEnd, expands: !/["'\\]/.test(target) };
  }
  return i;
}

/** Reads one word starting at `start`, following quotes, escapes and substitutions. */
export function readWord(text: string, start: number): Word {
  let i = start;
  let value = "";
  let literal = true;
  while (i < text.length && !META.has(text[i]!)) {
    const c = text[i]!;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new ShellSyntaxError("unterminated single quote", i);
      value += text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      const r = readDoubleQuoted(text, i);
      if (r.value === undefined) literal = false;
      else value += r.value;
      i = r.end;
    } else if (c === "\\") {
      if (text[i + 1] !== "\n") value += text[i + 1] ?? "";
      i += 2;
    } else if (c === "$" || c === "`") {
      const end = skipExpansion(text, i);
      literal = end === i + 1 && c === "$" ? literal : false;
      if (end === i + 1) value += c;
      i = end;
    } else {
      PLAIN.lastIndex = i;
      const m = PLAIN.exec(text);
      const stop = m ? m.index : text.length;
      value += text.slice(i, stop);
      i = stop;
    }
  }
  const end = Math.min(i, text.length);
  const raw = text.slice(start, end);
  // A plain word's value is its text: one string for both (a RUN may hold a million words).
  return {
    kind: "word",
    raw,
    start,
    end,
    value: literal ? (value === raw ? raw : value) : undefined,
  };
}

function readDoubleQuoted(text: string, start: number): { value: string | undefined; end: number } {
  let i = start + 1;
  let value = "";
  let literal = true;
  while (i < text.length && text[i] !== '"') {
    const c = text[i]!;
    if (c === "\\") {
      const n = text[i + 1] ?? "";
      if (n === "\n") {
        // continuation inside quotes: removed
      } else if ('$`"\\'.includes(n)) value += n;
      else value += c + n;
      i += 2;
    } else if (c === "$" || c === "`") {
      const end = skipExpansion(text, i);
      if (end === i + 1) value += c;
      else literal = false;
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  if (i >= text.length) throw new ShellSyntaxError("unterminated double quote", start);
  return { value: literal ? value : undefined, end: i + 1 };
}

/** Deeper nesting of `$(…)`/`${…}`/quotes than any real script has; bounds the recursion. */
const MAX_NESTING = 200;
let nesting = 0;

/** End offset of `$(…)`, `$((…))`, `${…}`, `$name`, `` `…` `` starting at `start`. */
export function skipExpansion(text: string, start: number): number {
  if (nesting >= MAX_NESTING) {
    throw new ShellSyntaxError(`expansions nested more than ${MAX_NESTING} deep`, start);
  }
  nesting++;
  try {
    return skipOne(text, start);
  } finally {
    nesting--;
  }
}

function skipOne(text: string, start: number): number {
  const c = text[start];
  if (c === "`") {
    let i = start + 1;
    while (i < text.length && text[i] !== "`") i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) throw new ShellSyntaxError("unterminated backquote", start);
    return i + 1;
  }
  const n = text[start + 1];
  // `$((` is arithmetic, whose parentheses pair; a `$(` holds commands, read as sh reads them.
  if (n === "(" && text[start + 2] === "(") return skipBalanced(text, start + 1, "(", ")");
  if (n === "(") return commandSubstitutionEnd(text, start + 2);
  if (n === "{") return skipBalanced(text, start + 1, "{", "}");
  const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(text.slice(start + 1, start + 65));
  return start + 1 + (m ? m[0].length : 0);
}

function skipBalanced(text: string, open: number, o: string, cl: string): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "'" && o === "(") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new ShellSyntaxError("unterminated single quote", i);
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i = readDoubleQuoted(text, i).end;
      continue;
    }
    if (c === "`" || (c === "$" && (text[i + 1] === "(" || text[i + 1] === "{"))) {
      i = skipExpansion(text, i);
      continue;
    }
    if (c === o) depth++;
    else if (c === cl) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  throw new ShellSyntaxError(`unterminated ${o === "(" ? "$(" : "${"}`, open - 1);
}
