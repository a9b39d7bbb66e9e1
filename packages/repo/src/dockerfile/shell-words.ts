import { MAX_SHELL_NESTING, shellTooDeep } from "@alpinize/entrypoint";

/**
 * The script text a command substitution (`$(…)`, `` `…` ``) runs, found inside a word. `offset`
 * is where `text` starts in the scanned text; `map`, when present, gives the scanned-text offset of
 * each character of `text` (a backquoted body loses its `\` escapes, which shifts them).
 */
export interface Substitution {
  text: string;
  offset: number;
  map?: number[];
}

export type Token =
  | { kind: "word"; text: string; offset: number; subs: Substitution[] }
  | { kind: "op"; text: string }
  | {
      kind: "redirect";
      target: string | undefined;
      subs: Substitution[];
      /** The descriptor `>&N` duplicates (`-` for `>&-`, which closes it). */
      descriptor?: string;
    };

/** Scanned-text offset of offset `at` of a substitution's text. */
export function substitutionOffset(sub: Substitution, at: number): number {
  if (!sub.map) return sub.offset + at;
  return sub.map[Math.min(at, sub.map.length - 1)] ?? sub.offset;
}

/**
 * Splits shell text into words, operators and redirections. A substitution, quoted or not, is
 * part of the word it is written in (`apk add $(cat list) bash` has three words after `apk`),
 * and the word keeps the text it runs for the caller to scan as a script of its own.
 */
export function* tokenize(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "#" && (i === 0 || /\s|;|&|\|/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "\\" && text[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if ("\n;&|()".includes(ch)) {
      const pair = (ch === "|" || ch === "&") && text[i + 1] === ch;
      yield { kind: "op", text: pair ? ch + ch : ch };
      i += pair ? 2 : 1;
      continue;
    }
    // `2>/dev/null`, `2>&1`: digits right before < or > are the descriptor the redirection
    // applies to, not a word of the command (POSIX IO_NUMBER).
    const descriptor = /^\d+(?=[<>])/.exec(text.slice(i, i + 12));
    // `<(…)`, `>(…)`: bash's process substitution is a word (a /dev/fd path), not a redirection.
    if (isProcessSubstitution(text, i)) {
      const subs: Substitution[] = [];
      const end = readExpansion(text, i, subs, 0);
      yield { kind: "word", text: text.slice(i, end), offset: i, subs };
      i = end;
      continue;
    }
    if (ch === "<" || ch === ">" || descriptor) {
      const redirect = readRedirect(text, i + (descriptor?.[0].length ?? 0));
      const { end: _end, ...read } = redirect;
      yield { kind: "redirect", ...read };
      i = redirect.end;
      continue;
    }
    const word = readWord(text, i);
    yield { kind: "word", text: word.text, offset: i, subs: word.subs };
    // Always advance, so no input can stall the scan.
    i = Math.max(word.end, i + 1);
  }
}

/** The operator and the word after it; `target` is that word when it names a file. */
function readRedirect(
  text: string,
  start: number,
): { target: string | undefined; end: number; subs: Substitution[]; descriptor?: string } {
  let i = start;
  while (i < text.length && "<>&-|".includes(text[i]!)) i++;
  const op = text.slice(start, i);
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  const word = readWord(text, i);
  // `<<EOF` and `<<<word` are text, `>&2` and `<&-` a descriptor: neither names a file.
  const file = !op.startsWith("<<") && !op.endsWith("&") && !op.endsWith("-");
  const dup = op.endsWith("&") ? word.text : op.endsWith("&-") ? "-" : undefined;
  return {
    target: file ? word.text : undefined,
    end: Math.max(word.end, start + 1),
    subs: word.subs,
    ...(dup === undefined ? {} : { descriptor: dup }),
  };
}

interface Read {
  text: string;
  end: number;
  subs: Substitution[];
}

/** One word: quotes and escapes removed, expansions kept as written. */
function readWord(text: string, start: number): Read {
  let out = "";
  let i = start;
  const subs: Substitution[] = [];
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      out += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      const quoted = readDoubleQuoted(text, i, subs, 0);
      out += quoted.text;
      i = quoted.end;
      continue;
    }
    if (ch === "\\" && i + 1 < text.length) {
      if (text[i + 1] !== "\n") out += text[i + 1];
      i += 2;
      continue;
    }
    if (isExpansion(text, i)) {
      const end = readExpansion(text, i, subs, 0);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (/\s/.test(ch) || ";&|()<>".includes(ch)) break;
    out += ch;
    i++;
  }
  return { text: out, end: Math.min(i, text.length), subs };
}

function readDoubleQuoted(text: string, start: number, subs: Substitution[], depth: number): Read {
  let out = "";
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[i + 1]!;
      if (next !== "\n") out += '"\\$`'.includes(next) ? next : ch + next;
      i += 2;
      continue;
    }
    if (isExpansion(text, i)) {
      const end = readExpansion(text, i, subs, depth);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return { text: out, end: Math.min(i + 1, text.length), subs };
}

function isExpansion(text: string, i: number): boolean {
  return text[i] === "`" || (text[i] === "$" && (text[i + 1] === "(" || text[i + 1] === "{"));
}

/** `<(` or `>(` at i: a process substitution, run like `$(…)`. */
function isProcessSubstitution(text: string, i: number): boolean {
  return (text[i] === "<" || text[i] === ">") && text[i + 1] === "(";
}

/**
 * End offset of the `$(…)`, `$((…))`, `${…}` or `` `…` `` at `start`. A command substitution goes
 * into `subs`; those nested in it do not (scanning its text finds them), while those in an
 * arithmetic or parameter expansion (`$(( $(nproc) + 1 ))`, `${V:-$(cat f)}`) do.
 */
function readExpansion(text: string, start: number, subs: Substitution[], depth: number): number {
  // The entrypoint lint's limit: a script or RUN one reader refuses, the other does not read.
  if (depth >= MAX_SHELL_NESTING) throw shellTooDeep();
  if (text[start] === "`") return readBackquoted(text, start, subs);
  const brace = text[start + 1] === "{";
  const arithmetic = !brace && text[start] === "$" && text[start + 2] === "(";
  const open = start + (arithmetic ? 3 : 2);
  const close = brace ? "}" : ")";
  const inner = brace || arithmetic ? subs : [];
  const end = balancedEnd(text, open, close, inner, depth + 1);
  if (arithmetic) return Math.min(end + (text[end] === ")" ? 1 : 0), text.length);
  if (!brace) subs.push({ text: text.slice(open, end - 1), offset: open });
  return end;
}

/**
 * Offset just past the `close` that ends a body starting at `from`, stepping over quotes,
 * escapes, nested expansions and `( … )` pairs; the text's end when it is not closed.
 */
function balancedEnd(
  text: string,
  from: number,
  close: ")" | "}",
  subs: Substitution[],
  depth: number,
): number {
  let open = 0;
  // `${a:-${b:-…}}` nests by counting, as in the entrypoint lint: only quotes between make depth.
  let braces = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\") i += 2;
    else if (ch === "'" && close === ")") {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '"') i = readDoubleQuoted(text, i, subs, depth).end;
    else if (close === "}" && ch === "$" && text[i + 1] === "{") {
      braces++;
      i += 2;
    } else if (close === "}" && ch === "}" && braces > 0) {
      braces--;
      i++;
    } else if (ch === "$" && text[i + 1] === "(" && text[i + 2] === "(") {
      // An inner `$((…))` is parentheses to count too, so `$((1+$((…))))` makes no depth either.
      i++;
    } else if (isExpansion(text, i)) i = readExpansion(text, i, subs, depth);
    else if (ch === close && open === 0) return i + 1;
    else {
      if (ch === "(") open++;
      else if (ch === ")") open = Math.max(0, open - 1);
      i++;
    }
  }
  return text.length;
}

/**
 * `` `…` ``: the body is read up to the first unescaped backquote, then `\`` `\\` `\$` lose their
 * backslash, as the shell does before running it (which is how backquotes nest).
 */
function readBackquoted(text: string, start: number, subs: Substitution[]): number {
  let i = start + 1;
  let body = "";
  const map: number[] = [];
  while (i < text.length && text[i] !== "`") {
    if (text[i] === "\\" && i + 1 < text.length && "`\\$".includes(text[i + 1]!)) i++;
    else if (text[i] === "\\" && i + 1 < text.length) {
      body += "\\";
      map.push(i);
      i++;
    }
    body += text[i];
    map.push(i);
    i++;
  }
  subs.push({ text: body, offset: start + 1, map });
  return Math.min(i + 1, text.length);
}
