import { type Frame, isCaseHead, onOperator, onWord, top } from "./grammar-substitution.js";
import { type PendingHeredoc, skipHeredocBodies } from "./heredoc-bodies.js";
import { type KnownEnds, knownEndsFor } from "./known-ends.js";
import { ShellSyntaxError } from "./syntax-error.js";
import type { OpText, Redirect, Word } from "./tokens.js";

/**
 * The word reader: words with their quotes, escapes and expansions, redirections and the end of
 * a `$( )`, which is read as sh reads its commands. These call each other (a word holds a `$( )`,
 * which holds words), so they share one module; tokenize and the `$( )` case frames sit on either
 * side of it.
 */

const META = new Set([";", "&", "|", "(", ")", "<", ">", "\n", " ", "\t", "\r"]);
const OPS: OpText[] = ["&&", "||", ";;&", ";;", ";&", ";", "|", "&", "(", ")"];
/** The next character that ends a run of plain word characters. */
const PLAIN = /[;&|()<>\n \t\r'"\\$`]/g;

/**
 * The operator at `i`, if one starts there. bash's `;&` and `;;&` only where their `&` starts no
 * `&&` or `&>`: busybox sh reads `a;&>f` as `a;` and the redirect `&>f`, and `a;&&b` as `;`, `&&`.
 */
export function opAt(text: string, i: number): OpText | undefined {
  const op = OPS.find((o) => text.startsWith(o, i));
  if (op !== ";&" && op !== ";;&") return op;
  const next = text[i + op.length];
  return next === "&" || next === ">" ? (op === ";&" ? ";" : ";;") : op;
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
  const known = knownEndsFor(text);
  const kept = known && keptEnds(known, text, start);
  const end = kept?.get(start + known!.offset);
  // Not past this text's end: a here-document body read alone ends before its `$( )` may.
  if (end !== undefined && end - known!.offset <= text.length) return end - known!.offset;
  const found = readExpansion(text, start);
  kept?.set(start + known!.offset, found + known!.offset);
  return found;
}

/**
 * Where the ends of an expansion like the one at `start` are kept: a `$( )`'s with the script (its
 * `$( )`s are read out of it as scripts of their own), a `${ }`'s only while `braces` is given.
 */
function keptEnds(known: KnownEnds, text: string, start: number): Map<number, number> | undefined {
  if (text[start] !== "$") return undefined;
  if (text[start + 1] === "{") return known.braces;
  return text[start + 1] === "(" && text[start + 2] !== "(" ? known.ends : undefined;
}

function readExpansion(text: string, start: number): number {
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

/**
 * End offset (past its `)`) of the command substitution whose text starts at `from`, the `$(`
 * just before it: the text is read as sh words and operators, with its `case` commands, its
 * comments and its here-documents, so no `)` inside them closes it.
 */
function commandSubstitutionEnd(text: string, from: number): number {
  const frames: Frame[] = [];
  const heredocs: PendingHeredoc[] = [];
  let atCommand = true;
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "\\" && text[i + 1] === "\n") i += 2;
    else if (c === "\n") {
      i++;
      if (heredocs.length > 0) i = skipHeredocBodies(text, i, heredocs.splice(0));
      if (!isCaseHead(frames)) atCommand = true;
    } else if (c === "#") {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl;
    } else if (isRedirectStart(text, i)) {
      const redir = readRedirect(text, i);
      if (redir.heredoc) heredocs.push({ ...redir.heredoc, token: redir.token });
      i = redir.token.end;
      atCommand = false;
    } else {
      const op = opAt(text, i);
      if (op === undefined) {
        const word = readWord(text, i);
        i = word.end;
        atCommand = onWord(frames, word.raw, atCommand);
        continue;
      }
      i += op.length;
      const r = onOperator(frames, caseEndAsSh(op, frames));
      if (r === "end") return i;
      if (r === "unclosed") throw new ShellSyntaxError('"case" is never closed', i - 1);
      atCommand = r === "command";
    }
  }
  throw new ShellSyntaxError("unterminated $(", from - 2);
}

/** bash's `;&` and `;;&` end a case arm as `;;` does; elsewhere they step as `;` and `;;`. */
function caseEndAsSh(op: OpText, frames: readonly Frame[]): OpText {
  if (op === ";;&") return ";;";
  if (op === ";&") return top(frames) === "arm" ? ";;" : ";";
  return op;
}
