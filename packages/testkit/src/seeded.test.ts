import { describe, expect, it } from "vitest";
import { allWords, drawnConcat, drawnLines, range, seededPick } from "./seeded.js";

describe("seededPick", () => {
  it("draws the same xorshift32 sequence for a seed, and another for another seed", () => {
    const draw = (seed: number) => {
      const pick = seededPick(seed);
      return Array.from({ length: 8 }, () => pick(range(0, 999)));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    // xorshift32 from 1: 270369, 67634689, … (mod 1000 → 369, 689, …)
    expect(draw(1).slice(0, 2)).toEqual([369, 689]);
  });
});

describe("drawnConcat and drawnLines", () => {
  it("give count texts of the given pieces and lengths", () => {
    const texts = [...drawnConcat(5, ["a"], range(1, 3), 50)];
    expect(texts).toHaveLength(50);
    expect(new Set(texts)).toEqual(new Set(["a", "aa", "aaa"]));
    const lines = [...drawnLines(5, ["w"], [" "], range(0, 2), 50)];
    expect(new Set(lines)).toEqual(new Set(["w", "w w", "w w w"]));
  });
});

describe("allWords", () => {
  it("lists every word up to the length, shortest first, then the whole spellings", () => {
    expect(allWords(["a", "b"], 2, ["--x"])).toEqual(["", "a", "b", "aa", "ab", "ba", "bb", "--x"]);
    expect(allWords(["-", "f", "y", "1", "_", "."], 5)).toHaveLength(
      1 + 6 + 36 + 216 + 1296 + 7776,
    );
  });
});
