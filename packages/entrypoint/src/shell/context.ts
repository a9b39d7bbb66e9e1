import type { BackquoteQuoting } from "./backquote.js";
import type { Problem } from "./grammar.js";
import type { ScanResult } from "./types.js";

/** A here-document whose body starts at the next newline. */
export interface Pending {
  delim: string;
  stripTabs: boolean;
  /** `<<'EOF'`, `<<"EOF"`, `<<\EOF`: the body is plain text, no expansion in it. */
  quoted: boolean;
}

export type RangeKind = "top" | "dollar" | "backtick";

/** The state of one scanShell call, handed down to every nested range. */
export interface ScanContext {
  readonly s: string;
  readonly out: ScanResult;
  /** `((` is two subshells (dash, busybox ash), never bash's arithmetic command. */
  readonly posix: boolean;
  /** Scans a nested range (`$( )`, backticks); returns where a `$( )` body's `)` is. */
  readonly scanRange: (from: number, to: number, depth: number, kind: RangeKind) => number;
  /** Here-documents a `$( )` opened before its `)`: their bodies follow the enclosing line. */
  carried: Pending[];
  /** Above 0 while inside `${ }`, whose commands are not collected. */
  mute: number;
  /** Above 0 inside an unquoted here-document body: its commands are marked `heredoc`. */
  heredoc: number;
  /** Above 0 inside backquotes, whose grammar sh checks only in part (dash) or not at all (bash). */
  quiet: number;
  /** Set inside backquotes: how their body is unescaped before it is read (backquote.ts). */
  backquote?: BackquoteQuoting;
  /** How many expansions the reader is inside now; see MAX_SHELL_NESTING. */
  nesting: number;
  unclosed?: Problem;
  token?: Problem;
  atEnd?: Problem;
}

const UNCLOSED: Record<string, string> = {
  "'": "a single quote",
  '"': "a double quote",
  "`": "a backquote",
  "$(": "a command substitution $(",
  "$((": "an arithmetic expansion $((",
  "${": "a parameter expansion ${",
  "$'": "a $'...' string",
  "<(": "a process substitution",
};

/** Records a quote or substitution opened at `at` that never closes; the first one counts. */
export function opened(sc: ScanContext, at: number, what: string): void {
  if (sc.unclosed !== undefined && sc.unclosed.offset <= at) return;
  sc.unclosed = {
    offset: at,
    message: `${UNCLOSED[what] ?? `"${what}"`} opened here never closes`,
    hint: "close it; check the script with sh -n",
    atEnd: true,
  };
}

/** Keeps the earliest grammar problem of each sort. */
export function reportProblem(sc: ScanContext, p: Problem): void {
  if (sc.quiet > 0) return;
  const slot = p.atEnd ? "atEnd" : "token";
  const had = sc[slot];
  if (had === undefined || p.offset < had.offset) sc[slot] = p;
}

/**
 * The error to report: a misplaced token before any unclosed quote wins (it is what sh stops
 * at); otherwise the unclosed quote, whose missing end also leaves compound commands open.
 */
export function firstProblem(sc: ScanContext): Problem | undefined {
  const { token, unclosed, atEnd } = sc;
  if (token && (!unclosed || token.offset < unclosed.offset)) return token;
  return unclosed ?? atEnd;
}
