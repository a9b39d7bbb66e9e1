import type { BackquoteQuoting } from "./backquote.js";

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
  /**
   * Set when the command stands inside backquotes (or in a `$( )` inside them): its words are
   * given as written, and sh takes some backslashes off before reading them (backquoteText).
   */
  backquote?: BackquoteQuoting;
  /**
   * Set when the command stands in a `$( )` or backquotes of an unquoted here-document body: it
   * runs when the body is expanded, but the rewrite leaves it (it cannot move it out of the body).
   */
  heredoc?: true;
}

/** What `sh -n` would reject, with a line of advice. */
export interface SyntaxProblem {
  offset: number;
  message: string;
  hint: string;
}

export interface ScanResult {
  commands: SimpleCommand[];
  /**
   * Offset of the first syntax error, if any: a quote, `$( )`, `${ }` or backtick that never
   * closes, or a misplaced or missing reserved word or operator (the same as `syntax.offset`).
   */
  unterminated?: number;
  /** The first syntax error: what is wrong and what to do. */
  syntax?: SyntaxProblem;
  /** Ranges that are not code: comments and here-document bodies. */
  inert: Array<[number, number]>;
}
