/** The literal value of a word made only of plain text and quotes; undefined if it expands. */
export function literal(text: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const j = text.indexOf("'", i + 1);
      if (j < 0) return undefined;
      out += text.slice(i + 1, j);
      i = j + 1;
    } else if (c === '"') {
      const j = text.indexOf('"', i + 1);
      if (j < 0) return undefined;
      const inner = text.slice(i + 1, j);
      if (/[$`\\]/.test(inner)) return undefined;
      out += inner;
      i = j + 1;
    } else if (c === "$" || c === "`" || c === "*" || c === "?" || c === "[") {
      return undefined;
    } else if (c === "\\") {
      out += text[i + 1] ?? "";
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// Line starts of the last text asked about: rewrite and lint ask for many offsets of one text.
let lineText: string | undefined;
let lineStarts: number[] = [];

/** 1-based line and column of an offset; a binary search over the text's line starts. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  if (text !== lineText) {
    lineStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
    lineText = text;
  }
  const at = Math.min(Math.max(offset, 0), text.length);
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}
