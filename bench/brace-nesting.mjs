#!/usr/bin/env node
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
// Speed of `migrate` (Debian) and `check` (Alpine) on RUN lines whose `${x:-${y:-…}}` nests deep,
// bare and in double quotes, and on a double-quoted string as long, each next to as many RUN
// lines of as many bytes of plain `echo` words measured in the same run, in turns: check at 100,
// 200, 400 and 800 levels, migrate at 25 to 200 (it leaves a RUN nested past 200 as is, refused
// before any rule reads it). Three steps were quadratic: migrate looked for the `$( )`s of each
// `${ }` level in a copy of its text and read where it ended again, every level inside it
// included (packages/dockerfile/src/shell/substitutions.ts: 200 deep took 12 ms); the `${x?}`
// pattern (MAY_EXIT) tried each `${` up to the next `}` in every word check and migrate judge;
// and check's `{fd}>` patterns looked behind each `{` over every blank before it, which a long
// quoted string is once its quotes are masked (packages/repo/src/check/ash-syntax.ts: a quoted
// string of 4.8 kB took 420 ms to check).
//
// Runs from built dist (pnpm build first). `node bench/brace-nesting.mjs check`: only the cases
// whose name or shape holds the word. Exit 0, or 1 when a nested/plain ratio grows more than 3
// times from the least depth to 8 times it (1 is linear, 8 quadratic).
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { printTable } from "./lib/format.mjs";
import { nestedCases, ratio, reportGrowth, selectCases, timeSizes } from "./lib/growth.mjs";

const { migrate, check, checksum, remove } = await dockerfileWork("brace-nesting");

/** A RUN of `length` characters of `echo` words: one command, nothing nested, nothing quoted. */
const flat = (length) => `echo ${"echo ".repeat(Math.ceil(length / 5))}`.slice(0, length);

/** RUN text nested `n` deep; and a quoted string as long as the quoted form. */
const NESTED = {
  "${a:-…}": (n) => `echo ${"${a:-".repeat(n)}a${"}".repeat(n)}`,
  '"${a:-…}"': (n) => `x="${"${a:-".repeat(n)}a${"}".repeat(n)}"`,
  '"echo …"': (n) => `x="${flat(5 * n + n - 1)}"`,
};

/** RUN lines per file, so that the reading of the text outweighs the fixed costs of a run. */
const RUNS = 8;
const runs = (line) => `RUN ${line}\n`.repeat(RUNS);
const debian = (run) =>
  `FROM debian:12\n${runs(`${run} && apt-get update && apt-get install -y curl`)}`;
const alpine = (run) => `FROM alpine:3.23\n${runs(`${run} && apk add --no-cache curl`)}`;

const CASES = nestedCases(NESTED, flat, [
  { name: "migrate", run: migrate, file: debian, sizes: [25, 50, 100, 200] },
  { name: "check", run: check, file: alpine, sizes: [100, 200, 400, 800] },
]);

const cases = selectCases(CASES);
let rows;
try {
  rows = await timeSizes(cases, { warmSize: 50, timing: { rounds: 7, gc: true, batchMs: 100 } });
} finally {
  remove();
}

console.log(
  `${RUNS} RUN lines nested N deep, against as many of plain words of as many bytes (checksum ${checksum()})`,
);
printTable(
  [
    ["case", 8, (r) => r.case.name],
    ["shape", 11, (r) => r.case.shape],
    ["depth", 5, (r) => String(r.n)],
    ["bytes", 6, (r) => String(r.bytes)],
    ["plain", 10, (r) => `${r.baseMs.toFixed(2)} ms`],
    ["nested", 10, (r) => `${r.ms.toFixed(2)} ms`],
    ["ratio", 0, (r) => ratio(r).toFixed(2)],
  ],
  rows,
);
const failed = reportGrowth(cases, rows, { limit: 3, work: "nested", base: "plain" });
process.exit(failed ? 1 : 0);
