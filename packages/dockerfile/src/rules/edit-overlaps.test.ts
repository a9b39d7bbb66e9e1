import { describe, expect, it } from "vitest";
import type { Edit } from "../edits.js";
import { EditOverlaps } from "./edit-overlaps.js";

/** The rule applyEdits applies, pair by pair. */
function overlapsOne(o: Edit, e: Edit): boolean {
  const [first, second] =
    o.start < e.start || (o.start === e.start && o.end <= e.end) ? [o, e] : [e, o];
  return second.start < first.end;
}

const edit = (start: number, end: number): Edit => ({ start, end, text: "", rule: "shell" });

describe("EditOverlaps", () => {
  it("answers as a pair-by-pair scan does, insertions and shared offsets included", () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const held: Edit[] = [];
    const index = new EditOverlaps();
    for (let round = 0; round < 400; round++) {
      const start = next(60);
      const e = edit(start, start + next(4));
      expect(index.overlaps(e)).toBe(held.some((o) => overlapsOne(o, e)));
      if (next(2) === 0) {
        held.push(e);
        index.add([e]);
      }
    }
  });
});
