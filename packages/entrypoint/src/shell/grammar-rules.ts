import type { SyntaxProblem } from "./types.js";

/** A syntax error: where, what, and what to do about it. */
export interface Problem extends SyntaxProblem {
  /** The text ended with something still open: an unclosed quote, if any, is the real cause. */
  atEnd: boolean;
}

export type Kind = "root" | "{" | "(" | "if" | "while" | "for" | "case";
export type Phase = "list" | "cond" | "then" | "elif" | "else" | "body";

/** An open compound command. */
export interface Frame {
  kind: Kind;
  /** The word that opened it, as written (`until` for a while frame, `select` for a for frame). */
  word: string;
  at: number;
  phase: Phase;
  /** Commands begun in the current part (condition, body), to refuse empty ones. */
  count: number;
  /** The word that began the current part (`if`, `then`, `do`, …). */
  phaseWord?: string;
}

export interface Closing {
  kinds: Kind[];
  from: Phase[];
  /** The part that follows; none when the word ends the command. */
  to?: Phase;
}

/** Reserved words that close or continue a compound command, where they may stand. */
export const CLOSERS = new Map<string, Closing>([
  ["}", { kinds: ["{"], from: ["list"] }],
  ["then", { kinds: ["if"], from: ["cond", "elif"], to: "then" }],
  ["elif", { kinds: ["if"], from: ["then"], to: "elif" }],
  ["else", { kinds: ["if"], from: ["then"], to: "else" }],
  ["fi", { kinds: ["if"], from: ["then", "else"] }],
  ["do", { kinds: ["while"], from: ["cond"], to: "body" }],
  ["done", { kinds: ["while", "for"], from: ["body"] }],
  ["esac", { kinds: ["case"], from: ["body"] }],
]);

export type Opening = Kind | "!" | "time" | "[[" | "function" | "coproc";

/** Words that open a command in command position; the bash ones are let through, not checked. */
export const OPENERS = new Map<string, Opening>([
  ["{", "{"],
  ["if", "if"],
  ["while", "while"],
  ["until", "while"],
  ["for", "for"],
  ["select", "for"],
  ["case", "case"],
  ["!", "!"],
  ["time", "time"],
  ["[[", "[["],
  ["function", "function"],
  ["coproc", "coproc"],
]);

/**
 * Where the parser stands. In a list: `start` (a command may begin, reserved words count),
 * `need` (one must: after `&&`, `|`), `bang` (after `!`), `time`, `simple` (inside a simple
 * command, where reserved words are plain words), `after` (a compound command just closed: only
 * redirections and operators follow). The rest are the fixed slots of `for`, `case`, `name()`
 * and of the bash forms let through (`[[ ]]`, arrays, `function`, `coproc`).
 */
export type State =
  | "start"
  | "need"
  | "bang"
  | "time"
  | "simple"
  | "after"
  | "fname"
  | "fbody"
  | "forName"
  | "forIn"
  | "forWords"
  | "forDo"
  | "caseWord"
  | "caseIn"
  | "patStart"
  | "patOpen"
  | "patWord"
  | "patNext"
  | "array"
  | "test"
  | "funcName"
  | "funcParen"
  | "coproc";

export const COMMAND_START = new Set<State>([
  "start",
  "need",
  "bang",
  "time",
  "fbody",
  "funcParen",
  "coproc",
]);
/** States a command may end in, at `;`, `&`, a newline, `&&` or the end of the text. */
export const COMMAND_END = new Set<State>([
  "simple",
  "after",
  "time",
  "bang",
  "funcName",
  "funcParen",
]);
/** States where a newline is a syntax error, with the hint to give. */
export const NO_NEWLINE = new Map<State, "for" | "function" | "case">([
  ["forName", "for"],
  ["fname", "function"],
  ["caseWord", "case"],
  ["patOpen", "case"],
  ["patWord", "case"],
  ["patNext", "case"],
]);
// `a=1`, and bash's `a+=1` and `a[i]=1`.
export const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
export const ARRAY_WORD = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DECLARERS = new Set(["declare", "typeset", "local", "export", "readonly"]);

/** An operator token the scanner hands over, or a newline. */
export type Op = ";" | ";;" | ";&" | ";;&" | "&" | "&&" | "||" | "|" | "|&" | "(" | ")" | "\n";
