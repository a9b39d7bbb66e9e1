import type { Edit } from "../edits.js";

/** One sorted run of edits: by start, with the largest end among the first k at k. */
interface Level {
  edits: Edit[];
  maxEnd: number[];
}

/**
 * The edits a script has made so far, asked whether a new one overlaps one of them as applyEdits
 * would find. A list scanned per question made a RUN of n substitutions take n² steps (150,000
 * `$(echo 'a\tb')` took minutes); sorted levels of doubling size (merged as they fill) answer
 * each question in log² n and take each edit in at amortized log n.
 */
export class EditOverlaps {
  private readonly levels: Level[] = [];

  constructor(edits: readonly Edit[] = []) {
    this.add(edits);
  }

  add(edits: readonly Edit[]): void {
    if (edits.length === 0) return;
    let merged = [...edits];
    while (this.levels.length > 0 && this.levels.at(-1)!.edits.length <= merged.length) {
      merged = merged.concat(this.levels.pop()!.edits);
    }
    merged.sort((a, b) => a.start - b.start);
    const maxEnd: number[] = [];
    for (const e of merged) maxEnd.push(Math.max(maxEnd.at(-1) ?? -1, e.end));
    this.levels.push({ edits: merged, maxEnd });
  }

  /** Whether `e` overlaps an edit held: the later-starting one begins before the earlier ends. */
  overlaps(e: Edit): boolean {
    return this.levels.some((level) => overlapsIn(level, e));
  }
}

function overlapsIn({ edits, maxEnd }: Level, e: Edit): boolean {
  const before = firstIndex(edits, (o) => o.start >= e.start);
  if (before > 0 && maxEnd[before - 1]! > e.start) return true;
  const after = firstIndex(edits, (o) => o.start > e.start);
  // Two edits at one offset overlap only when neither is an insertion.
  if (after > before && e.end > e.start && maxEnd[after - 1]! > e.start) return true;
  return after < edits.length && edits[after]!.start < e.end;
}

/** The first index whose edit passes `test`, which holds from some index on. */
function firstIndex(edits: readonly Edit[], test: (e: Edit) => boolean): number {
  let lo = 0;
  let hi = edits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(edits[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
