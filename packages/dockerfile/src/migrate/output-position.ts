import type { Edit } from "../edits.js";

/**
 * Maps input offsets to offsets in the edited text. An offset inside a replaced (or deleted)
 * span lands at the start of what replaced it; one at an insertion point lands after the
 * inserted text, where the input's own text now is.
 */
export function outputOffsetMapper(edits: readonly Edit[]): (offset: number) => number {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return (offset) => {
    let delta = 0;
    for (const e of sorted) {
      if (e.start > offset) break;
      if (e.end <= offset) {
        delta += e.text.length - (e.end - e.start);
        continue;
      }
      return e.start + delta;
    }
    return offset + delta;
  };
}

/** 1-based line and column of `offset` in `text`. */
export function positionIn(
  lineStarts: readonly number[],
  offset: number,
): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
