/** A shell word with its span in the script text. */
export interface Word {
  kind: "word";
  raw: string;
  start: number;
  end: number;
  /** The word's literal value with quotes and escapes removed; undefined when it expands anything. */
  value: string | undefined;
}

/** `;&` and `;;&` are bash's case arm ends (fall through, go on matching); sh has neither. */
export type OpText = "&&" | "||" | ";" | ";;" | ";&" | ";;&" | "|" | "&" | "(" | ")" | "\n";

export interface Op {
  kind: "op";
  op: OpText;
  start: number;
  end: number;
}

/** A redirection with its target (`> /dev/null`, `2>&1`, `<<EOF`). */
export interface Redirect {
  kind: "redir";
  raw: string;
  start: number;
  end: number;
  /**
   * A here-document's body (`<<EOF`), when the script text holds it: `[start, end)` of the lines
   * before the delimiter line; `expands` unless the delimiter is quoted.
   */
  body?: { start: number; end: number; expands: boolean };
}

export type Token = Word | Op | Redirect;
