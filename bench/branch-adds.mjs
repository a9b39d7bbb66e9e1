#!/usr/bin/env node
// Speed of `migrate` and `check` on one RUN of many conditional stretches that each add a
// package, at N, 2N and 4N of them, each next to the same work on as many plain `RUN apk add pN`
// lines (the baseline) measured in the same run, in turns. Every stretch (an `if` branch, the
// side of a `&&` or `||`) is a world of its own in ScopedWorlds; each was a copy of the whole apk
// world so far, so 4,000 `if …; then apk add pN; else apk add pN; fi` took 27 s, time growing
// with the square of their number. A stretch now reads through the world around it (ApkWorld
// fork), and the work/baseline ratio stays about flat as the RUN grows (linear); it grew about 4
// times from N to 4N before.
//
// Runs from built dist (pnpm build first). `node bench/branch-adds.mjs check`: only the cases
// whose name or shape holds the word. Exit 0, or 1 when a ratio grows more than 2 times from N
// to 4N.
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { printWorkTable, reportGrowth, timeSelected } from "./lib/growth.mjs";

const { migrate, check, checksum, remove } = await dockerfileWork("branch-adds");

/** `FROM alpine:3.23` and one RUN of `n` commands `each(i)` joined by `;`, a line each. */
const oneRun = (each) => (n) => {
  const lines = Array.from({ length: n }, (_, i) => each(i));
  return `FROM alpine:3.23\nRUN ${lines.join("; \\\n  ")}\n`;
};
const ifElse = oneRun((i) => `if [ -n "$A" ]; then apk add p${i}; else apk add p${i}; fi`);
const andOr = oneRun((i) => `[ -n "$A" ] && apk add p${i} || apk add p${i}`);
/** The baseline: as many packages, each added by a RUN of its own that always runs. */
const plain = (n) =>
  `FROM alpine:3.23\n${Array.from({ length: n }, (_, i) => `RUN apk add p${i}`).join("\n")}\n`;

const N = 1000;
const CASES = [
  { name: "migrate", run: migrate, shape: "if/else", text: ifElse },
  { name: "migrate", run: migrate, shape: "test && || add", text: andOr },
  { name: "check", run: check, shape: "if/else", text: ifElse },
  { name: "check", run: check, shape: "test && || add", text: andOr },
].map((c) => ({ ...c, base: c.run, baseText: plain, sizes: [N, 2 * N, 4 * N] }));

const { cases, rows } = await timeSelected(
  CASES,
  { warmSize: 100, timing: { rounds: 3, gc: true } },
  remove,
);

console.log(
  `stretches that each add a package, against as many RUN apk add lines (checksum ${checksum()})`,
);
printWorkTable(rows, "adds", [8, 15, 5, 7], {
  base: ["RUN apk add", 11],
  work: ["stretches", 9],
  ratio: "ratio",
  digits: 2,
});
const failed = reportGrowth(cases, rows, {
  limit: 2,
  base: "RUN apk add",
});
process.exit(failed ? 1 : 0);
