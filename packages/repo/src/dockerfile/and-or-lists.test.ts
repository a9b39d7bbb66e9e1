import { describe, expect, it } from "vitest";
import { AndOrLists } from "./and-or-lists.js";

describe("AndOrLists", () => {
  // `a0 || ( a1 || ( a2 || … ( an ) … ) )`: each level's part holds every command inside it.
  it("reads a nesting n deep with work in n, not n²", () => {
    const n = 2000;
    let reads = 0;
    const guarded: Array<[number, number]> = [];
    const lists = new AndOrLists(
      (k) => {
        reads++;
        return k === n ? "ok" : "fails";
      },
      (from, to) => guarded.push([from, to]),
    );
    for (let i = 0; i < n; i++) {
      lists.join("||", i + 1);
      lists.open(i + 1);
    }
    for (let i = 0; i < n; i++) lists.close(n + 1);
    lists.restart(n + 1);
    expect(reads).toBeLessThanOrEqual(2 * (n + 1));
    expect(guarded.length).toBeGreaterThan(0);
  });
});
