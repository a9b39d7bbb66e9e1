import { describe, expect, it } from "vitest";
import { type ApkPlace, ApkWorld } from "./apk-world.js";
import { ScopedWorlds } from "./scoped-worlds.js";

/** A small deterministic generator (mulberry32), so a failure repeats. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

/** One random `apk add` or `apk del` over a few names and virtual packages. */
function step(world: ApkWorld, pick: (n: number) => number, line: number): void {
  const names = ["a", "b", "c", "d", "e", ".v", ".w"];
  const some = names.filter(() => pick(3) === 0);
  const at = { line };
  if (pick(3) === 0) world.del(some, at);
  else
    world.add(
      some.filter((n) => !n.startsWith(".")),
      pick(2) ? undefined : [".v", ".w"][pick(2)],
      at,
    );
}

/** What a world answers, in its order. */
function answers(world: ApkWorld): unknown {
  const removed: Record<string, ApkPlace | undefined> = {};
  for (const n of ["a", "b", "c", "d", "e", ".v", ".w"]) removed[n] = world.removedBy(n);
  return {
    installed: [...world.installed()],
    added: [...world.everAdded().entries()],
    size: world.installed().size,
    has: ["a", "b", "c", "d", "e"].map((n) => world.has(n)),
    removed,
  };
}

describe("ApkWorld fork", () => {
  // A fork reads through its parent instead of copying it; it must answer as a copy would,
  // also after its parent changes under it (ScopedWorlds applies an apk del to every open world).
  it("answers as a copy made at the fork, through changes to the parent and to the fork", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const pick = random(seed);
      const main = new ApkWorld();
      for (let k = 0; k < pick(6); k++) step(main, pick, k);
      const forks: ApkWorld[] = [main];
      const copies: ApkWorld[] = [main.copy()];
      for (let depth = 1; depth <= 3; depth++) {
        forks.push(forks.at(-1)!.fork());
        copies.push(copies.at(-1)!.copy());
        for (let k = 0; k < 8; k++) {
          // The same change to one world of the chain and its copy: the live forks above it
          // keep what they read, as their copies do.
          const at = pick(forks.length);
          const line = 100 * depth + k;
          step(forks[at]!, random(seed * 1000 + line), line);
          step(copies[at]!, random(seed * 1000 + line), line);
          for (const [i, world] of forks.entries())
            expect(answers(world), `seed ${seed} world ${i}`).toEqual(answers(copies[i]!));
        }
      }
      expect(answers(forks.at(-1)!.copy())).toEqual(answers(copies.at(-1)!));
    }
  });

  it("gives a new fork's names after its parent's, in the order they came in", () => {
    const main = new ApkWorld();
    main.add(["a", "b", "c"], undefined, { line: 1 });
    const fork = main.fork();
    fork.del(["a"], { line: 2 });
    fork.add(["d", "a"], undefined, { line: 3 });
    main.del(["b"], { line: 4 });
    expect([...fork.installed().keys()]).toEqual(["b", "c", "d", "a"]);
    expect([...main.installed().keys()]).toEqual(["a", "c"]);
    expect(fork.removedBy("b")).toBeUndefined();
    expect(main.removedBy("b")).toEqual({ line: 4 });
  });
});

describe("ScopedWorlds work", () => {
  // Each stretch copied the whole world: 4,000 `if …; then apk add pN; else apk add pN; fi`
  // in one RUN took 27 s. A stretch now reads through the world around it.
  it("opens a stretch without going over what is installed", () => {
    const main = new ApkWorld();
    const since = main.installed() as Map<string, ApkPlace>;
    let walks = 0;
    const walk = since[Symbol.iterator].bind(since);
    since[Symbol.iterator] = () => {
      walks++;
      return walk();
    };
    since.entries = since[Symbol.iterator];
    const worlds = new ScopedWorlds(main);
    walks = 0;
    const n = 500;
    for (let k = 0; k < n; k++) {
      const branch: [number, number] = [10 * k, 10 * k + 9];
      worlds.apply({ verb: "add", words: [`p${k}`] }, [branch], { line: 2 });
      expect(worlds.at([branch]).has(`p${k}`)).toBe(true);
      worlds.at([]);
    }
    expect(main.has("p0")).toBe(false);
    expect(walks).toBe(0);
  });
});

/** How often `Map.prototype.has` runs while `run` runs: each layer a lookup reads asks it once. */
function mapLookups(run: () => void): number {
  const has = Map.prototype.has;
  let calls = 0;
  Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
    calls++;
    return has.call(this, key);
  };
  try {
    run();
  } finally {
    Map.prototype.has = has;
  }
  return calls;
}

/** `if`s nested `depth` deep, each adding a package, with lookups at each level. */
function nestedAdds(depth: number): void {
  const main = new ApkWorld();
  main.add(["bash"], undefined, { line: 1 });
  const worlds = new ScopedWorlds(main);
  const scope: [number, number][] = [];
  for (let k = 0; k < depth; k++) {
    scope.push([k, 100_000 - k]);
    worlds.apply({ verb: "add", words: [`p${k}`] }, scope, { line: 2 });
    const world = worlds.at(scope);
    const names = ["bash", `p${k}`, "p0", "shadow"];
    expect(names.map((n) => world.has(n))).toEqual([true, true, true, false]);
  }
  worlds.at([]);
  expect(main.has("p0")).toBe(false);
}

describe("ScopedWorlds work on nested stretches", () => {
  // A lookup in a fork walked up through every stretch around it to the one that held the name:
  // 1000 nested `if`s that each add a package took 10.7 s to migrate (a million layers read by
  // the lookups alone). A fork now keeps what a lookup found until the name changes.
  it("reads about twice as many layers for twice as deep", () => {
    const [shallow, deep] = [250, 500].map((depth) => mapLookups(() => nestedAdds(depth)));
    expect(deep! / shallow!).toBeLessThan(2.5);
  });
});
