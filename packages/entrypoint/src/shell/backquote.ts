/**
 * Backquotes (`` `cmd` ``) are read twice by sh: once to find where they end, taking the
 * backslash off `\\`, `` \` `` and `\$` (and `\"` when the backquotes stand in double quotes)
 * and dropping a backslash-newline, then again as a script. Every other backslash stays, in
 * single quotes too. dash and busybox ash agree on this (compared on dash and the musl busybox).
 */

/** Whether backquotes stand in double quotes, where `\"` loses its backslash too. */
export type BackquoteQuoting = "plain" | "double";

/** Text as sh reads it inside backquotes, and where each of its characters was written. */
export interface Unquoted {
  text: string;
  /** `at[k]`: offset in the written text of character k (its backslash, if one was taken). */
  at: number[];
}

/** Reads `written`, a part of a backquoted body starting at a word, as sh reads it. */
export function backquoteText(written: string, quoting: BackquoteQuoting): Unquoted {
  let text = "";
  const at: number[] = [];
  let i = 0;
  while (i < written.length) {
    const c = written[i]!;
    const next = written[i + 1];
    if (c === "\\" && next === "\n") {
      i += 2;
      continue;
    }
    const taken = c === "\\" && next !== undefined && takesBackslash(next, quoting);
    text += taken ? next : c;
    at.push(i);
    i += taken ? 2 : 1;
  }
  at.push(written.length);
  return { text, at };
}

function takesBackslash(next: string, quoting: BackquoteQuoting): boolean {
  return next === "\\" || next === "`" || next === "$" || (quoting === "double" && next === '"');
}
