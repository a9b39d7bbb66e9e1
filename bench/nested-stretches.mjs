#!/usr/bin/env node
// Speed of ScopedWorlds (what migrate's debianToolsLeft and `alpinize check` judge calls by) on
// conditional stretches nested N, 2N and 4N deep that each add a package and look up a few
// names, next to the same adds and lookups in as many stretches side by side (the baseline,
// linear: see bench/branch-adds.mjs) measured in the same run, in turns. A stretch's apk world is
// a fork of the one around it; a lookup walked up through every stretch around it to the one that
// held the name, so 1000 nested `if`s paid a million steps in lookups alone (migrate on them took
// 10.7 s, most of it elsewhere: see packages/dockerfile's Known limitations). A fork now keeps
// what a lookup found until the name changes, and the nested/side-by-side ratio stays about flat.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when the ratio grows more than 2 times
// from N to 4N (1 is linear, 4 quadratic).
import { loadPackages } from "./lib/dist.mjs";
import { printWorkTable, reportGrowth, timeSizes } from "./lib/growth.mjs";

const { ApkWorld, ScopedWorlds } = await loadPackages("nested-stretches", ["dockerfile"]);

let sum = 0;
/** `n` stretches, each adding a package and looking up four names; `nested`: each in the last. */
function stretches(n, nested) {
  const main = new ApkWorld();
  main.add(["bash"], undefined, { line: 1 });
  const worlds = new ScopedWorlds(main);
  const scope = [];
  for (let k = 0; k < n; k++) {
    const span = nested ? [k, 10 * n - k] : [10 * k, 10 * k + 9];
    if (nested) scope.push(span);
    const at = nested ? scope : [span];
    worlds.apply({ verb: "add", words: [`p${k}`] }, at, { line: 2 });
    const world = worlds.at(at);
    for (const name of ["bash", `p${k}`, "p0", "shadow"]) if (world.has(name)) sum++;
  }
  worlds.at([]);
}

const N = 1000;
const cases = [
  {
    name: "ScopedWorlds",
    shape: "nested if",
    // timeSizes hands each run a text: here only the number of stretches.
    text: (n) => String(n),
    run: (n) => stretches(Number(n), true),
    base: (n) => stretches(Number(n), false),
    sizes: [N, 2 * N, 4 * N],
  },
];
const rows = await timeSizes(cases, { warmSize: 100, timing: { rounds: 5, gc: true } });

console.log(`stretches that each add a package, nested against side by side (checksum ${sum})`);
printWorkTable(rows, "depth", [12, 9, 5, 5], {
  base: ["side by side", 12],
  work: ["nested", 9],
  ratio: "ratio",
  digits: 2,
});
const failed = reportGrowth(cases, rows, { limit: 2, work: "nested", base: "side by side" });
process.exit(failed ? 1 : 0);
