import type { Edit } from "../edits.js";

/**
 * Maps input offsets to offsets in the edited text. An offset inside a replaced (or deleted)
 * span lands at the start of what replaced it; one at an insertion point lands after the
 * inserted text, where the input's own text now is.
 */
export function outputOffsetMapper(edits: readonly Edit[]): (offset: number) => number {
  // Sorted once, with the length change of all edits before each: every warning then costs a
  // binary search instead of a walk through every edit (thousands of warnings, tens of
  // thousands of edits in a long file). Edits never overlap (applyEdits refuses that), so their
  // ends rise with their starts too.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const before = [0];
  for (const e of sorted) before.push(before.at(-1)! + e.text.length - (e.end - e.start));
  return (offset) => {
    // The first edit that ends after the offset: those before it end at or before it.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    const e = sorted[lo];
    return e !== undefined && e.start <= offset ? e.start + before[lo]! : offset + before[lo]!;
  };
}

/**
 * Maps offsets in the edited text back to the input: text an edit left alone to where it was,
 * an offset inside what an edit wrote to the start of the span it replaced.
 */
export function inputOffsetMapper(edits: readonly Edit[]): (offset: number) => number {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  // Where each edit's text starts in the output, and the length change of the edits before it.
  const outStart: number[] = [];
  const before = [0];
  for (const e of sorted) {
    outStart.push(e.start + before.at(-1)!);
    before.push(before.at(-1)! + e.text.length - (e.end - e.start));
  }
  return (offset) => {
    // The edits whose text starts at or before the offset.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (outStart[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    const e = sorted[lo - 1];
    if (e !== undefined && offset < outStart[lo - 1]! + e.text.length) return e.start;
    return offset - before[lo]!;
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
