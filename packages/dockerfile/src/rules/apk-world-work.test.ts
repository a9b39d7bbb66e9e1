import { describe, expect, it } from "vitest";
import { type ApkPlace, ApkWorld } from "./apk-world.js";

/** A world whose installed-packages map counts the lookups made in it. */
function countedWorld(): { world: ApkWorld; lookups: () => number } {
  const world = new ApkWorld();
  let lookups = 0;
  const since = world.installed() as Map<string, ApkPlace>;
  const has = since.has.bind(since);
  since.has = (name: string) => {
    lookups++;
    return has(name);
  };
  return { world, lookups: () => lookups };
}

describe("ApkWorld work", () => {
  // Each call went over the whole world: 49,999 `apk add` lines of 4 names took minutes.
  it("looks at the names a call gives, not every package installed so far", () => {
    const { world, lookups } = countedWorld();
    const n = 2000;
    for (let k = 0; k < n; k++) world.add([`p${k}`], undefined, { line: k + 2 });
    expect(world.installed().size).toBe(n);
    expect(lookups()).toBeLessThan(5 * n);
  });

  it("keeps what a virtual package and the world ask for, and gives back what neither does", () => {
    const world = new ApkWorld();
    world.add(["shadow", "curl"], ".tmp", { line: 2 });
    world.add(["shadow"], undefined, { line: 3 });
    world.del([".tmp"], { line: 4 });
    expect([...world.installed().keys()]).toEqual(["shadow"]);
    expect(world.removedBy("curl")).toEqual({ line: 4 });
    world.add(["git"], ".tmp", { line: 5 });
    world.add(["make"], ".tmp", { line: 6 });
    expect(world.has("git")).toBe(false);
    expect(world.removedBy("git")).toEqual({ line: 6 });
    const next = world.copy();
    next.del(["shadow"], { line: 7 });
    expect([...next.installed().keys()]).toEqual(["make"]);
    expect(world.has("shadow")).toBe(true);
    world.add([".tmp"], undefined, { line: 8 });
    world.del(["make"], { line: 9 });
    expect(world.has("make")).toBe(true);
  });
});
