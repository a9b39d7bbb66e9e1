#!/usr/bin/env node
// Growth of `alpinize check` (checkTargets) on RUN lines that once made it quadratic: a long
// `||` list (each || marked the whole list before it again), deeply nested `if` and `while`
// (each command asked every enclosing one whether it guards it), many brace lists and many
// `X={a,b}` assignments (each sliced and split the text before it). Each case is timed at a small
// size and at 8 times it in the same run, in turns; the ratio of the best times is printed next
// to 8 (linear) and 64 (quadratic). The scripts an image runs are timed in bench/entrypoint.mjs.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when a ratio is over 3 times linear.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPackages } from "./lib/dist.mjs";
import { printScaling } from "./lib/growth.mjs";
import { timeInTurns } from "./lib/timing.mjs";

const { checkTargets, defaultConfig, defaultTransforms } = await loadPackages("check-growth", [
  "repo",
]);

const FACTOR = 8;
const run = (body) => `FROM alpine:3.23\nRUN ${body}\n`;
/** name, base size, RUN text for a size. */
const cases = [
  ["or-list", 5_000, (n) => run(`true${" || true".repeat(n)}`)],
  ["nested-if", 1_000, (n) => run(`${"if a; then ".repeat(n)}b${"; fi".repeat(n)}`)],
  ["nested-while", 1_000, (n) => run(`${"while a; do ".repeat(n)}b${"; done".repeat(n)}`)],
  ["brace-lists", 1_000, (n) => run(`mkdir${" /a/{x,y}".repeat(n)}`)],
  ["brace-assignments", 1_000, (n) => run(`${"X={a,b} ".repeat(n)}true`)],
];

const dir = mkdtempSync(join(tmpdir(), "alpinize-check-growth-"));
const options = { config: defaultConfig(), transforms: defaultTransforms(), cwd: dir };
let checksum = 0;

/** A Dockerfile of its own for each size, written before the clock starts. */
function dockerfile(name, text) {
  mkdirSync(join(dir, name), { recursive: true });
  const path = join(dir, name, "Dockerfile");
  writeFileSync(path, text);
  return async () => {
    checksum += (await checkTargets([{ path, kind: "dockerfile" }], options)).findings.length;
  };
}

let failed = false;
try {
  console.log(`check growth at ${FACTOR}x the input (linear ${FACTOR}, quadratic ${FACTOR ** 2})`);
  for (const [name, base, make] of cases) {
    // Best of five rounds, small and large timed in turns: the least disturbed run of each.
    const [small, large] = await timeInTurns(
      [dockerfile("small", make(base)), dockerfile("large", make(base * FACTOR))],
      { rounds: 5 },
    );
    const limit = 3 * FACTOR;
    failed ||= printScaling(name, small.best, large.best, { factor: FACTOR, width: 18, limit });
  }
  console.log(`(checksum ${checksum})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
