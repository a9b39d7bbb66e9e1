#!/usr/bin/env node
// Growth of `alpinize check` (checkTargets) on RUN lines that once made it quadratic: a long
// `||` list (each || marked the whole list before it again), deeply nested `if` and `while`
// (each command asked every enclosing one whether it guards it), many brace lists and many
// `X={a,b}` assignments (each sliced and split the text before it). Each case is timed at a small
// size and at 8 times it in the same run, in turns; the ratio of the best times is printed next
// to 8 (linear) and 64 (quadratic). The scripts an image runs are timed in bench/entrypoint.mjs.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when a ratio is over 3 times linear.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoDist = join(root, "packages", "repo", "dist", "index.js");
if (!existsSync(repoDist)) {
  console.error("bench/check-growth: build first (pnpm build): packages/repo/dist is missing");
  process.exit(2);
}
const { checkTargets, defaultConfig, defaultTransforms } = await import(
  pathToFileURL(repoDist).href
);

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
const file = join(dir, "Dockerfile");
const options = { config: defaultConfig(), transforms: defaultTransforms(), cwd: dir };
let checksum = 0;

async function timeCheck(text) {
  writeFileSync(file, text);
  const start = performance.now();
  checksum += (await checkTargets([{ path: file, kind: "dockerfile" }], options)).findings.length;
  return performance.now() - start;
}

/** Best of five rounds, small and large timed in turns: the least disturbed run of each. */
async function ratioOf(small, large) {
  await timeCheck(small);
  await timeCheck(large);
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let round = 0; round < 5; round++) {
    best[0] = Math.min(best[0], await timeCheck(small));
    best[1] = Math.min(best[1], await timeCheck(large));
  }
  return { small: best[0], large: best[1] };
}

let failed = false;
try {
  console.log(`check growth at ${FACTOR}x the input (linear ${FACTOR}, quadratic ${FACTOR ** 2})`);
  for (const [name, base, make] of cases) {
    const { small, large } = await ratioOf(make(base), make(base * FACTOR));
    const ratio = large / small;
    const over = ratio > 3 * FACTOR;
    failed ||= over;
    console.log(
      `${name.padEnd(18)} ${small.toFixed(1).padStart(8)} ms -> ${large.toFixed(1).padStart(8)} ms  ratio ${ratio.toFixed(1).padStart(5)}${over ? "  OVER 3x linear" : ""}`,
    );
  }
  console.log(`(checksum ${checksum})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
