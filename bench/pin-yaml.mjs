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
import { loadPackages } from "./lib/dist.mjs";
import { growthOf, ratio, rowsOf, timeSizes } from "./lib/growth.mjs";
import { now, since } from "./lib/timing.mjs";

const { findUnpinned, locateImageReferences, pinText } = await loadPackages("pin-yaml", ["digest"]);

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

// Best of several samples (at least 3, and at least 400 ms in all for case and baseline), case
// and baseline in turns: the minimum is the least disturbed by garbage collection and by other
// work on the machine. A sample repeats a fast call until it lasts about 5 ms, so that
// sub-millisecond cases are timed above the clock's noise.
const timing = { rounds: 3, budgetMs: 400, maxRounds: 30, batchMs: 5 };
const rows = await timeSizes(
  CASES.map((c) => ({
    ...c,
    text: (n) => c.texts(n)[0],
    baseText: (n) => c.texts(n)[1],
    run: c.run[0],
    base: c.run[1],
  })),
  { timing },
);

let failed = false;
const fmt = (ms) => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`.padStart(10);
console.log(`${"case".padEnd(42)} ${"size".padStart(6)}       case   baseline   ratio`);
for (const c of new Set(rows.map((r) => r.case))) {
  const mine = rowsOf(rows, c);
  for (const r of mine) {
    console.log(
      `${r.case.name.padEnd(42)} ${String(r.n).padStart(6)} ${fmt(r.ms)} ${fmt(r.baseMs)} ${ratio(r).toFixed(2).padStart(7)}`,
    );
  }
  const growth = growthOf(mine);
  console.log(
    `${"".padEnd(42)} ratio growth x${mine[1].n / mine[0].n} size: ${growth.toFixed(2)}x (1.0 = linear)${growth > 3 ? "  OVER 3x" : ""}`,
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
  const t = now();
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
  const ms = since(t);
  console.log(`${name.padEnd(42)} ${fmt(ms)}  ${outcome}`);
}
if (failed)
  console.log(
    "pin-yaml bench: a ratio grew faster than linearly, or a deep value was not read as it should be",
  );
process.exitCode = failed ? 1 : 0;
