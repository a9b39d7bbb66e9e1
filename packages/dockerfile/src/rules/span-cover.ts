import { countBelow } from "../sorted.js";

interface Span {
  start: number;
  end: number;
}

/**
 * Answers "does any of these spans contain [start, end)?" in log time. A RUN of 200,000 words
 * can delete or rewrite most of them; a scan per edit was quadratic there, and spreading that
 * many words into one push() overflowed the call stack.
 */
export class SpanCover {
  private readonly starts: number[] = [];
  /** The largest end among the spans up to each index of `starts`. */
  private readonly reach: number[] = [];

  constructor(groups: Iterable<Iterable<Span>>) {
    const spans: Span[] = [];
    for (const group of groups) for (const s of group) spans.push(s);
    spans.sort((a, b) => a.start - b.start);
    let reach = Number.NEGATIVE_INFINITY;
    for (const s of spans) {
      reach = Math.max(reach, s.end);
      this.starts.push(s.start);
      this.reach.push(reach);
    }
  }

  covers(start: number, end: number): boolean {
    const last = countBelow(this.starts, start + 1) - 1;
    return last >= 0 && this.reach[last]! >= end;
  }
}
