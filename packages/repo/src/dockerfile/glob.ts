/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters other than line
 * breaks (as `.*` would) and every other character for itself.
 *
 * The literal pieces between stars are placed left to right, each at its first place after the
 * one before: an earlier place never rules out a match a later one allows. A regular expression
 * built from the pattern backtracks through every way to place them, a count that grows as the
 * text's length to the power of the number of stars on a name that nearly matches. Here each
 * piece is searched for once: time is at most the text's length times the pattern's.
 */
export function globMatches(pattern: string, text: string): boolean {
  const pieces = pattern.split("*");
  const first = pieces[0] as string;
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] as string;
  if (!text.startsWith(first)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    // A star covers the text between: it cannot hold a line break.
    if (found === -1 || breakBetween(text, at, found)) return false;
    at = found + piece.length;
  }
  const tail = text.length - last.length;
  return tail >= at && text.endsWith(last) && !breakBetween(text, at, tail);
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

function breakBetween(text: string, from: number, to: number): boolean {
  return from < to && LINE_BREAK.test(text.slice(from, to));
}
