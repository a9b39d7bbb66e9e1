/**
 * Dockerfile lines a migrate DIR message names besides its own: the plan's (`missing.sh, which
 * the RUN on line 7 runs`, `USER app of stage a (line 4)`) and the Dockerfile transform's
 * (`usermod -l on line 5 renamed user app`, `line 3 copies a C++ build`, `(copied at line 2)`).
 * A script's line (`line 3 of e.sh`) is not one: `of` follows it.
 */
const NAMED_LINE = /\b(line )(\d+)\b(?!\s+of\b)/g;

/** A script's line as `SCRIPT:N` (`usermod (e.sh:4) stays as written`). */
const SCRIPT_LINE = /(?<![^\s(,])([^\s(),:]+):(\d+)\b/g;

/** Where each line of a script the plan rewrites is in the file `--write` leaves. */
export type ScriptLines = ReadonlyMap<string, (line: number) => number>;

/**
 * The message with each Dockerfile line it names moved to where that line is in the file
 * `--write` leaves, and each line of a rewritten script it names (`e.sh:4`) to where that line is
 * in the script `--write` leaves, so the words agree with the place the warning is printed at.
 */
export function messageOnOutput(
  message: string,
  toOutput: (line: number) => number,
  scripts: ScriptLines = new Map(),
): string {
  const quoted = quotedSpans(message);
  const moved = message.replace(
    NAMED_LINE,
    (whole: string, lead: string, line: string, at: number) =>
      quoted(at) ? whole : `${lead}${toOutput(Number(line))}`,
  );
  if (scripts.size === 0) return moved;
  // Moving a line number can change its length, so the quoted spans are found again.
  const quotedMoved = quotedSpans(moved);
  return moved.replace(SCRIPT_LINE, (whole: string, script: string, line: string, at: number) => {
    const forward = quotedMoved(at) ? undefined : scripts.get(script);
    return forward ? `${script}:${forward(Number(line))}` : whole;
  });
}

/**
 * Whether an offset of the message is inside a `"…"` span: messages quote the user's own text
 * (`package list "$PKGS line 3"`), and a "line 3" there is the user's words, not a place.
 */
function quotedSpans(message: string): (offset: number) => boolean {
  const spans = [...message.matchAll(/"[^"\n]*"/g)].map((m) => [m.index, m.index + m[0].length]);
  return (offset) => spans.some(([start, end]) => offset > start! && offset < end!);
}
