#!/usr/bin/env node
// Growth of `alpinize pin` on compose files shaped to make a line-based YAML reader slow
// (@alpinize/digest: locateImageReferences, as `pin --check` runs it, and pinText, as `pin --write`
// does). Each case is timed at a small and an 8 times larger size next to a baseline of the same
// size measured in the same run (a file the reader goes through once: plain `image:` lines,
// letters instead of spaces, the search alone). Linear code keeps the case/baseline ratio flat
// as the input grows; a step that is quadratic makes it about 8 times larger. Also checks that
// values nested 200,000 deep, or behind 200,000 anchors, end in a skip and not in a stack
// overflow.
//
//   node bench/pin-yaml.mjs      (after `pnpm build`, or pnpm turbo run build --filter=@alpinize/digest)
//
// Exit 0, or 1 when a ratio grows more than 3 times from the small size to the large one, or a
// deep value is not read as expected.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages", "digest", "dist", "index.js");
if (!existsSync(dist)) {
  console.error("pin-yaml bench: build first: packages/digest/dist is missing");
  process.exit(2);
}
const { findUnpinned, locateImageReferences, pinText } = await import(pathToFileURL(dist).href);

const DIGEST = `sha256:${"a".repeat(64)}`;
const resolveAll = async (refs) =>
  refs.map((reference) => ({ reference, result: { reference, digest: DIGEST } }));
const locate = (text) => locateImageReferences("compose", text);

function services(n, body) {
  const lines = ["x-a: &a", "  image: reg.lan/app:1", "  restart: always", "services:"];
  for (let i = 0; i < n; i++) lines.push(`  s${i}:`, `    ${body}`);
  return `${lines.join("\n")}\n`;
}

function openMerges(n, line) {
  const lines = ["x-all: &all"];
  for (let i = 0; i < 2000; i++) lines.push(`  k${i}:`);
  for (let i = 0; i < n; i++) lines.push("services:", `  ${line}`);
  return `${lines.join("\n")}\n`;
}

/** 40 such lines under services:, enough work to time at the small size. */
const lines = (line) => `services:\n${`${line}\n`.repeat(40)}`;

/** name, sizes, (size) => [case text, baseline text], what to run on case and baseline. */
const CASES = [
  {
    name: "services merging an anchor (<<: *a)",
    sizes: [2000, 16000],
    texts: (n) => [services(n, "<<: *a"), services(n, "image: reg.lan/app:1")],
    run: [locate, locate],
  },
  {
    name: "merges of a 2000-key anchor into services",
    sizes: [2000, 16000],
    // `k: ~`: a service with no value (a value such as `k: 1` is no service: refused).
    texts: (n) => [openMerges(n, "<<: *all"), openMerges(n, "k: ~")],
    run: [locate, locate],
  },
  {
    name: "spaces inside flow keys ({a    x})",
    sizes: [10000, 80000],
    texts: (n) => [lines(`  s: {a${" ".repeat(n)}x}`), lines(`  s: {a${"b".repeat(n)}x}`)],
    run: [locate, locate],
  },
  {
    name: "spaces inside block keys (a    b)",
    sizes: [10000, 80000],
    // At the left margin, so that each line is read as a would-be key of its own.
    texts: (n) => [lines(`a${" ".repeat(n)}b`), lines(`a${"b".repeat(n)}b`)],
    run: [locate, locate],
  },
  {
    name: "pin --write of N images vs pin --check",
    sizes: [2000, 16000],
    texts: (n) => {
      const text = services(n, "image: reg.lan/app:1");
      return [text, text];
    },
    run: [(text) => pinText("compose", text, resolveAll), (text) => findUnpinned("compose", text)],
  },
];

// Best of several samples (at least 3, and at least 200 ms in all): the minimum is the least
// disturbed by garbage collection and by other work on the machine. A sample repeats a fast call
// until it lasts about 5 ms, so that sub-millisecond cases are timed above the clock's noise.
async function time(fn, text) {
  const once = process.hrtime.bigint();
  await fn(text); // warm up, and a first guess of the cost
  const guess = Number(process.hrtime.bigint() - once) / 1e6;
  const calls = Math.min(1000, Math.max(1, Math.ceil(5 / Math.max(guess, 0.005))));
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let r = 0; r < 3 || (spent < 200 && r < 30); r++) {
    const t = process.hrtime.bigint();
    for (let c = 0; c < calls; c++) await fn(text);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    best = Math.min(best, ms / calls);
    spent += ms;
  }
  return best;
}

let failed = false;
const fmt = (ms) => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`.padStart(10);
console.log(`${"case".padEnd(42)} ${"size".padStart(6)}       case   baseline   ratio`);
for (const c of CASES) {
  const ratios = [];
  for (const size of c.sizes) {
    const [text, base] = c.texts(size);
    const ms = await time(c.run[0], text);
    const baseMs = await time(c.run[1], base);
    ratios.push(ms / baseMs);
    console.log(
      `${c.name.padEnd(42)} ${String(size).padStart(6)} ${fmt(ms)} ${fmt(baseMs)} ${(ms / baseMs).toFixed(2).padStart(7)}`,
    );
  }
  const growth = ratios[1] / ratios[0];
  console.log(
    `${"".padEnd(42)} ratio growth x${c.sizes[1] / c.sizes[0]} size: ${growth.toFixed(2)}x (1.0 = linear)`,
  );
  if (growth > 3) failed = true;
}

// Each must come back, with the deep value skipped (or, for the anchors, read), not overflow.
const DEEP = [
  [
    "image: [[[…]]] 200,000 deep",
    `services:\n  a:\n    image: ${"[".repeat(200_000)}${"]".repeat(200_000)}\n`,
    "skip",
  ],
  [
    "services: {a: {a: …}} 100,000 deep",
    `services: ${"{a: ".repeat(100_000)}${"}".repeat(100_000)}\n`,
    "skip",
  ],
  [
    "image: &a &a … (200,000 anchors)",
    `services:\n  a:\n    image: ${"&a ".repeat(200_000)}reg.lan/app:1\n`,
    "found",
  ],
];
for (const [name, text, expected] of DEEP) {
  const t = process.hrtime.bigint();
  let outcome;
  try {
    const [first, ...more] = locate(text);
    const got = first?.skip === undefined ? "found" : "skip";
    outcome = first ? `${got}: ${first.skip ?? first.reference}` : "nothing found";
    if (!first || more.length > 0 || got !== expected) failed = true;
  } catch (err) {
    outcome = `threw ${err}`;
    failed = true;
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`${name.padEnd(42)} ${fmt(ms)}  ${outcome}`);
}
if (failed)
  console.log(
    "pin-yaml bench: a ratio grew faster than linearly, or a deep value was not read as it should be",
  );
process.exitCode = failed ? 1 : 0;
