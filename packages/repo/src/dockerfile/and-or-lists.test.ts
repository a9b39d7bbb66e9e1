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

  // `( c0; ( c1; … ( cn-1 ) … ) ) && exit 1 || true`: each group's status is its last list's, the
  // next group's, so only cn-1 (and exit, before || true) is guarded; each group is read once.
  it("reads a group's last list against what follows the group with work in n", () => {
    const n = 2000;
    let reads = 0;
    const guarded: number[] = [];
    const lists = new AndOrLists(
      (k) => {
        reads++;
        return k === n ? "ends" : k === n + 1 ? "ok" : "fails";
      },
      (from, to) => {
        for (let k = from; k < to; k++) guarded.push(k);
      },
    );
    for (let i = 0; i < n; i++) {
      lists.open(i, "(");
      if (i < n - 1) lists.restart(i + 1);
    }
    for (let i = 0; i < n; i++) lists.close(n);
    lists.join("&&", n);
    lists.join("||", n + 1);
    lists.restart(n + 2);
    expect(reads).toBeLessThanOrEqual(n + 2);
    expect(guarded).toEqual([n - 1, n]);
  });

  // `( c0; c1; …; cn-1; echo ) || exit 1`: set -e does not stop in the group, each failure is
  // passed over and echo ends it well, so every c is guarded; each list is read a bounded time.
  it("reads a group's lists before its last, passed over, with work in n", () => {
    const n = 2000;
    let reads = 0;
    const guarded = new Set<number>();
    const lists = new AndOrLists(
      (k) => {
        reads++;
        return k < n ? "fails" : k === n ? "ok" : "ends";
      },
      (from, to) => {
        for (let k = from; k < to; k++) guarded.add(k);
      },
    );
    lists.open(0, "(");
    for (let i = 0; i < n; i++) lists.restart(i + 1);
    lists.close(n + 1);
    lists.join("||", n + 1);
    lists.restart(n + 2);
    expect(reads).toBeLessThanOrEqual(n + 2);
    expect([...guarded].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
  });
});
