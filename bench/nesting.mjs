#!/usr/bin/env node
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
// Speed of `migrate` (Debian) and `check` (Alpine) on one RUN whose expansions nest 50, 100 and
// 200 deep (the forms of packages/dockerfile/src/shell/nesting.test.ts), each next to a flat RUN
// of the same length measured in the same run, in turns. A script's conditional stretches and
// probes hold those of its `$( )`s, and each level read them again from the text nested in it,
// parsing it anew, so "$(echo "$(echo …)")" 200 deep took 16 s to migrate (time growing with the
// cube of the depth); each script's substitutions, stretches and probes are now read once.
// Reading a `$( )` still reads the text nested in it (each level parses what it holds), so the
// nested/flat ratio grows with the depth: about 2 times from 50 to 200 deep here, 6 times and
// more before.
//
// Runs from built dist (pnpm build first). `node bench/nesting.mjs check`: only the cases whose
// name or shape holds the word. Exit 0, or 1 when a ratio grows more than 4 times from 50 to 200.
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { fmtMs, printTable } from "./lib/format.mjs";
import { nestedCases, ratio, reportGrowth, selectCases, timeSizes } from "./lib/growth.mjs";

const { migrate, check, checksum, remove } = await dockerfileWork("nesting");

/** RUN text nested `n` deep, as nesting.test.ts writes it. */
const NESTED = {
  '"$( )"': (n) => `x=${'"$(echo '.repeat(n)}x${')"'.repeat(n)}`,
  "$( )": (n) => `echo ${"$(echo ".repeat(n)}x${")".repeat(n)}`,
  "${x:-…}": (n) => `echo ${"${x:-".repeat(n)}a${"}".repeat(n)}`,
};

/** A flat RUN of as many characters: one quoted word of `echo`s, nothing nested. */
const flat = (length) => {
  const words = "echo ".repeat(Math.ceil(length / 5)).slice(0, Math.max(0, length - 5));
  return `x="${words}x"`;
};

const debian = (run) => `FROM debian:12\nRUN ${run} && apt-get update && apt-get install -y curl\n`;
const alpine = (run) => `FROM alpine:3.23\nRUN ${run} && apk add --no-cache curl\n`;

const CASES = nestedCases(NESTED, flat, [
  { name: "migrate", run: migrate, file: debian, sizes: [50, 100, 200] },
  { name: "check", run: check, file: alpine, sizes: [50, 100, 200] },
]);

const cases = selectCases(CASES);
let rows;
try {
  rows = await timeSizes(cases, { warmSize: 20, timing: { rounds: 7, gc: true } });
} finally {
  remove();
}

console.log(`one RUN nested N deep, against a flat RUN of as many bytes (checksum ${checksum()})`);
printTable(
  [
    ["case", 8, (r) => r.case.name],
    ["shape", 8, (r) => r.case.shape],
    ["depth", 5, (r) => String(r.n)],
    ["bytes", 6, (r) => String(r.bytes)],
    ["flat", 9, (r) => fmtMs(r.baseMs)],
    ["nested", 9, (r) => fmtMs(r.ms)],
    ["ratio", 0, (r) => ratio(r).toFixed(2)],
  ],
  rows,
);
// `${x:-${y:-…}}` grew faster (its levels were read again at each level) and was gated at 8
// times; it is linear now (bench/brace-nesting.mjs times it deeper) and held to 4 as the rest.
const failed = reportGrowth(cases, rows, {
  limit: 4,
  label: (c) => `${c.name} on ${c.shape}`,
  work: "nested",
  base: "flat",
});
process.exit(failed ? 1 : 0);
