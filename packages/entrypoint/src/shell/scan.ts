/**
 * A small POSIX sh scanner: enough structure to find simple commands (with their words and
 * redirections, at byte offsets) in entrypoint scripts, including commands inside `$( )` and
 * backticks, while skipping comments and here-document bodies (only the `$( )` and backquotes
 * in an unquoted body are read, their commands marked `heredoc`, heredoc.ts). It does not evaluate anything.
 * Alongside, a push parser (grammar.ts) checks what `sh -n` checks and the first error is kept.
 */
import { SHELL_KEYWORDS } from "@alpinize/busybox";
import {
  firstProblem,
  type Pending,
  type RangeKind,
  reportProblem,
  type ScanContext,
} from "./context.js";
import { Grammar, type Op } from "./grammar.js";
import { heredoc, skipHeredocs } from "./heredoc.js";
import type { Redirect, ScanResult, SimpleCommand, Word } from "./types.js";
import { arithEnd, readWord, STOP } from "./word.js";

export { lineColumn, literal } from "./text.js";
export type { Redirect, ScanResult, SimpleCommand, SyntaxProblem, Word } from "./types.js";

export interface ScanOptions {
  /**
   * The script runs under a POSIX sh (dash, busybox ash): `((` opens two subshells there, where
   * bash reads an arithmetic command (`((useradd -u 1 x))` runs useradd under sh).
   */
  posix?: boolean;
}

export function scanShell(text: string, options: ScanOptions = {}): ScanResult {
  const out: ScanResult = { commands: [], inert: [] };
  const sc: ScanContext = {
    s: text,
    out,
    posix: options.posix === true,
    carried: [],
    mute: 0,
    heredoc: 0,
    quiet: 0,
    nesting: 0,
    scanRange: (from, to, depth, kind) => scanRange(sc, from, to, depth, kind),
  };
  scanRange(sc, 0, text.length, 0, "top");
  out.commands.sort((a, b) => a.start - b.start);
  out.inert.sort((a, b) => a[0] - b[0]);
  const problem = firstProblem(sc);
  if (problem) {
    out.unterminated = problem.offset;
    out.syntax = { offset: problem.offset, message: problem.message, hint: problem.hint };
  }
  return out;
}

/**
 * Scans [from, to) of the text: collects its simple commands (one at a time) and feeds every
 * token to a grammar. A `dollar` range is the body of `$( )`: it stops at the `)` its grammar
 * does not own and returns that offset (or `to` when there is none).
 */
function scanRange(
  sc: ScanContext,
  from: number,
  to: number,
  depth: number,
  kind: RangeKind,
): number {
  return new RangeScan(sc, to, depth, kind).run(from);
}

class RangeScan {
  private words: Word[] = [];
  private redirects: Redirect[] = [];
  private readonly heredocs: Pending[] = [];
  private readonly grammar: Grammar;

  constructor(
    private readonly sc: ScanContext,
    private readonly to: number,
    private readonly depth: number,
    private readonly kind: RangeKind,
  ) {
    this.grammar = new Grammar(sc.s, (p) => reportProblem(sc, p));
  }

  run(from: number): number {
    const { s, out } = this.sc;
    let i = from;
    while (i < this.to) {
      const c = s[i]!;
      if (c === "\\" && s[i + 1] === "\n") i += 2;
      else if (c === " " || c === "\t" || c === "\r") i++;
      else if (c === "\n") {
        this.finish();
        this.grammar.op("\n", i);
        this.takeCarried();
        i = skipHeredocs(this.sc, i + 1, this.to, this.depth, this.heredocs);
      } else if (c === "#") {
        const nl = s.indexOf("\n", i);
        const end = nl < 0 || nl > this.to ? this.to : nl;
        out.inert.push([i, end]);
        i = end;
      } else if (c === "&" && s[i + 1] === ">" && !this.sc.posix) {
        // bash's `&>f` and `&>>f`, anywhere in a command (dash reads `&` then `>f`).
        i = this.redirect(i);
      } else if (";&|()".includes(c)) {
        const next = this.operator(i);
        if (next < 0) return i;
        i = next;
      } else if (isRedirectStart(s, i) && !isProcess(s, i)) i = this.redirect(i);
      else i = this.word(i);
    }
    this.finish();
    this.grammar.end(this.to);
    if (this.kind === "dollar") moveAll(this.heredocs, this.sc.carried);
    return this.to;
  }

  /** Where the scan goes on after the operator at i; -1 when it is the `)` ending `$( )`. */
  private operator(i: number): number {
    const s = this.sc.s;
    const op = readOp(s, i);
    this.finish();
    if (op === ")" && this.kind === "dollar" && !this.grammar.ownsClose()) {
      this.grammar.end(i, true);
      moveAll(this.heredocs, this.sc.carried);
      return -1;
    }
    const arith = !this.sc.posix && op === "(" && s[i + 1] === "(" && this.grammar.wantsArith();
    const past = arith ? arithEnd(s, i, this.to) : -1;
    if (past > 0) {
      this.grammar.arith();
      return past;
    }
    if (op === "&" && s[i + 1] === ">" && this.grammar.atCommandStart()) {
      // bash's `&>f` is a redirection; dash reads `&` then `>f`, valid but after a command.
      this.grammar.redirect(i, true);
      return i + 1;
    }
    this.grammar.op(op, i);
    return i + op.length;
  }

  private redirect(i: number): number {
    const r = readRedirect(this.sc, i, this.to, this.depth);
    this.takeCarried();
    this.redirects.push(r);
    if (/<<-?$/.test(r.op) && !r.op.endsWith("<<<")) {
      this.heredocs.push(heredoc(r.op, r.target?.text ?? ""));
    }
    this.grammar.redirect(i, r.target !== undefined);
    return r.end;
  }

  private word(i: number): number {
    const end = readWord(this.sc, i, this.to, this.depth);
    this.takeCarried();
    const word = { text: this.sc.s.slice(i, end), start: i, end };
    // Array elements and case patterns are data: a rewrite must never turn one into a call.
    const inCommand = this.grammar.word(word.text, i, end);
    if (inCommand && !(this.words.length === 0 && SHELL_KEYWORDS.has(word.text)))
      this.words.push(word);
    return end;
  }

  /**
   * Here-documents a `$( )` opened, in the word just read or in a here-document body read at
   * the last newline: their bodies follow this line.
   */
  private takeCarried(): void {
    moveAll(this.sc.carried, this.heredocs);
  }

  /** Ends the simple command in progress. Inside `${ }` commands are not kept. */
  private finish(): void {
    if (this.sc.mute === 0 && (this.words.length > 0 || this.redirects.length > 0)) {
      const cmd: SimpleCommand = {
        words: this.words,
        redirects: this.redirects,
        ...span(this.words, this.redirects),
        depth: this.depth,
      };
      if (this.sc.backquote) cmd.backquote = this.sc.backquote;
      if (this.sc.heredoc > 0) cmd.heredoc = true;
      this.sc.out.commands.push(cmd);
    }
    this.words = [];
    this.redirects = [];
  }
}

/**
 * Where a command's words and redirects start and end. A loop: spreading them into Math.min
 * overflows the stack for a command of some 100k words.
 */
function span(...parts: readonly { start: number; end: number }[][]): {
  start: number;
  end: number;
} {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const part of parts)
    for (const x of part) {
      if (x.start < start) start = x.start;
      if (x.end > end) end = x.end;
    }
  return { start, end };
}

const OPS: Op[] = [";;&", ";;", ";&", "&&", "||", "|&", ";", "&", "|", "(", ")"];

function readOp(s: string, i: number): Op {
  return OPS.find((o) => s.startsWith(o, i)) ?? ";";
}

/** bash's `<(` and `>(`: read as a word holding a command list. */
function isProcess(s: string, i: number): boolean {
  return (s[i] === "<" || s[i] === ">") && s[i + 1] === "(";
}

function isRedirectStart(s: string, i: number): boolean {
  let j = i;
  while (j < s.length && s[j]! >= "0" && s[j]! <= "9") j++;
  return s[j] === ">" || s[j] === "<";
}

function readRedirect(sc: ScanContext, i: number, to: number, depth: number): Redirect {
  const s = sc.s;
  let j = i;
  while (s[j]! >= "0" && s[j]! <= "9") j++;
  const ops = ["&>>", "&>", "<<<", "<<-", "<<", ">>", ">&", "<&", ">|", "<>", ">", "<"];
  const op = ops.find((o) => s.startsWith(o, j)) ?? ">";
  j += op.length;
  const opText = s.slice(i, j);
  while (s[j] === " " || s[j] === "\t") j++;
  if (j >= to || (STOP.includes(s[j]!) && !isProcess(s, j)))
    return { op: opText, target: undefined, start: i, end: j };
  const end = readWord(sc, j, to, depth);
  return { op: opText, target: { text: s.slice(j, end), start: j, end }, start: i, end };
}

/**
 * Appends `from` to `to` and empties it. Not push(...from): spreading overflows the stack for
 * a `$( )` that opens some 100k here-documents.
 */
function moveAll(from: Pending[], to: Pending[]): void {
  for (const p of from) to.push(p);
  from.length = 0;
}
