#!/usr/bin/env node
// Peak memory of `alpinize migrate` and `alpinize check --json` (the built CLI, each run a child
// process of its own, under --max-old-space-size=512) on one RUN of very many words: `echo a a a …`
// (each word once held a record per character for the echo-escape reading: 2M words ran out of
// heap) and `apt-get install -y curl curl …` (each name kept the package map's decision and reason
// text of its own); on one RUN of very many continuation lines `&& echo "a\tb"` and
// `&& X=$(echo "a\tb")` (230,000 and 180,000 lines at 4 MiB ran out of heap: a string and an
// array slot per character of the RUN, lists with room for 17 per command, each line's note and
// its dedup key a copy of the whole message, and the parsed RUN kept while the output was parsed
// again; check ran migrate on the echo lines while its own reading of them was held); on one RUN
// of `&& sh -c 'echo a'` (220,000 strings at 4 MiB ran out of heap: every string's parse was kept
// for the rules that read the stage); and, for check, on an Alpine RUN of `&& echo 'a\tb'`
// (270,000 echo-escapes findings of 400 bytes each ran out of heap in --json; now a RUN lists
// 100 and counts the rest in one); on one RUN of `;sh -c 'echo a'` and of
// `;sh -c "sh -c 'echo a'"` (279,605 and 182,351 strings at 4 MiB ran out of heap: past 200,000
// strings migrate now refuses the file, exit 2 with ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS,
// shown as "refused"; check goes on without migrate's hint); and, for check, on an Alpine file of one `RUN echo 'a\tb'` line per echo
// (262,130 RUN lines ran out of heap: now a file lists 1,000 findings of a rule, and a file of more
// than 50,000 instructions is refused, exit 2 with ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS); and on
// `RUN apt-get install -y` lines of 11 distinct unknown names each (49,999 such lines, 549,989
// package-map decisions, each kept with its reason, record and warning, ran out of heap: past
// 200,000 decisions a file is refused, exit 2 with ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES). The baseline is a Dockerfile of the same size made of
// many short RUN lines, measured in the same run. Each input is run at N words and at 8N (8N =
// 2M words, about 4 MiB: the input limit); printed are the peak RSS of each and its ratio to the
// baseline's at the same size. A case fails when it runs out of heap or its ratio at 8N passes
// LIMIT.
//
//   node bench/long-words-memory.mjs [--words N] (default 250000)
// Runs from built dist (pnpm build first). Exit 0, or 1 when a case fails.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { intFlag, root } from "./lib/dist.mjs";
import { mib, printTable } from "./lib/format.mjs";
import { peakRss } from "./lib/peak-rss.mjs";

const FACTOR = 8;
/** Peak RSS over the baseline's at 8N; before their fixes both cases could run out of heap. */
const LIMIT = 2;
const HEAP_MIB = 512;
const words = intFlag("long-words-memory", "--words", 250_000, 1000);
const bin = join(root, "apps", "cli", "dist", "bin.js");
/** The refusal of a file of too many `sh -c` strings, instructions or package names (exit 2), as printed. */
const REFUSED = /more than [\d,]+ (?:sh -c strings|instructions|package names)/;

const FROM = "FROM debian:bookworm\n";
// 60 words a line: at 4 MiB that is ~32,000 RUN lines, under the 50,000 instructions read.
const SHORT = `RUN echo${" a".repeat(60)}\n`;
/** A continuation line of an echo migrate rewrites (`echo -e`, with a note on each line). */
const ECHO_LINE = ' \\\n && echo "a\\tb"';
/** The same echo in a `$( )`, which migrate reads under a checkpoint of its own. */
const SUBST_LINE = ' \\\n && X=$(echo "a\\tb")';
/** A `sh -c` string, each read as a script of its own. */
const STRING = " && sh -c 'echo a'";
/** An echo busybox ash prints as written: one echo-escapes finding each in an Alpine stage. */
const ASH_ECHO = " && echo 'a\\tb'";
/** The same string after `;`, and one nested in another (two strings each). */
const SEMI_STRING = ";sh -c 'echo a'";
const NESTED_STRING = ";sh -c \"sh -c 'echo a'\"";
/** A RUN line of its own per echo: the per-instruction count of echo-escapes does not bound them. */
const ASH_RUN = "RUN echo 'a\\tb'\n";
/** A RUN line per `apt-get install` of 11 distinct names, nearly all unknown to Alpine (0000 0001 …). */
function aptRuns(n) {
  const lines = Math.min(49_999, Math.round((2 * n) / 78));
  let k = 0;
  const name = () => (k++).toString(36).padStart(4, "0");
  const run = () => `RUN apt-get install -y ${Array.from({ length: 11 }, name).join(" ")}\n`;
  return FROM + Array.from({ length: lines }, run).join("");
}
/** name, Dockerfile text of about 2n bytes (n words of echo), and the commands it is run with when not both. */
const cases = [
  ["echo-words", (n) => `${FROM}RUN echo${" a".repeat(n)}\n`],
  ["apt-names", (n) => `${FROM}RUN apt-get install -y${" curl".repeat(Math.round((2 * n) / 5))}\n`],
  ["apt-runs", aptRuns],
  [
    "echo-lines",
    (n) => `${FROM}RUN true${ECHO_LINE.repeat(Math.round((2 * n) / ECHO_LINE.length))}\n`,
  ],
  [
    "subst-lines",
    (n) => `${FROM}RUN true${SUBST_LINE.repeat(Math.round((2 * n) / SUBST_LINE.length))}\n`,
  ],
  ["sh-strings", (n) => `${FROM}RUN true${STRING.repeat(Math.round((2 * n) / STRING.length))}\n`],
  [
    "sh-semi",
    (n) => `${FROM}RUN true${SEMI_STRING.repeat(Math.round((2 * n) / SEMI_STRING.length))}\n`,
  ],
  [
    "sh-nested",
    (n) => `${FROM}RUN true${NESTED_STRING.repeat(Math.round((2 * n) / NESTED_STRING.length))}\n`,
  ],
  [
    "ash-runs",
    (n) => `FROM alpine:3.21\n${ASH_RUN.repeat(Math.round((2 * n) / ASH_RUN.length))}`,
    ["check"],
  ],
  [
    "ash-echoes",
    (n) => `FROM alpine:3.21\nRUN true${ASH_ECHO.repeat(Math.round((2 * n) / ASH_ECHO.length))}\n`,
    ["check"],
  ],
];
/** Many short RUN lines, about 2n bytes. */
const baseline = (n) => FROM + SHORT.repeat(Math.round((2 * n) / SHORT.length));

const dir = mkdtempSync(join(tmpdir(), "alpinize-bench-long-words-memory-"));
/** Peak RSS in bytes of `alpinize COMMAND` on `text`, NaN when it did not finish. */
function peak(command, name, text) {
  const file = join(dir, `${name}.Dockerfile`);
  writeFileSync(file, text);
  // check's findings as JSON: what a CI job reads, built whole before it is printed.
  const args = command === "check" ? [command, "--json", file] : [command, file];
  const r = peakRss(bin, args, {
    cwd: dir,
    nodeFlags: [`--max-old-space-size=${HEAP_MIB}`],
  });
  // Past the count of sh -c strings or of instructions both commands refuse the file: bounded, and said so.
  const refused = r.code === 2 && REFUSED.test(r.stderr);
  // migrate exits 0, check 1 (it finds the Debian base): anything else is a crash.
  if (r.code !== 0 && r.code !== 1 && !refused) {
    console.log(`${command} ${name}: exit ${r.code}: ${r.stderr.trim().split("\n")[0]}`);
    return { bytes: text.length, rss: Number.NaN };
  }
  return { bytes: text.length, rss: r.kib * 1024, refused };
}

const ratioAt = (row, i) => row.work[i].rss / row.base[i].rss;
const over = (row) => !(ratioAt(row, 1) <= LIMIT);

const rows = [];
let failed = true;
try {
  const sizes = [words, words * FACTOR];
  for (const command of ["migrate", "check"]) {
    const base = sizes.map((n, i) => peak(command, `baseline-${i}`, baseline(n)));
    for (const [name, make, commands] of cases) {
      if (commands && !commands.includes(command)) continue;
      const work = sizes.map((n, i) => peak(command, `${name}-${i}`, make(n)));
      rows.push({ command, name, work, base });
    }
  }
  console.log(
    `peak RSS (MiB) under --max-old-space-size=${HEAP_MIB} at ${words} and ${words * FACTOR} words, and over a baseline of short RUN lines as large`,
  );
  printTable(
    [
      ["command", 8, (r) => r.command],
      ["case", 11, (r) => r.name],
      ["MiB in", -7, (r) => mib(r.work[1].bytes)],
      ["N", -7, (r) => mib(r.work[0].rss)],
      ["8N", -7, (r) => `${r.work[1].refused ? "refused " : ""}${mib(r.work[1].rss)}`],
      ["base 8N", -8, (r) => mib(r.base[1].rss)],
      ["N/base", -7, (r) => ratioAt(r, 0).toFixed(2)],
      ["8N/base", 0, (r) => `${ratioAt(r, 1).toFixed(2)}${over(r) ? `  OVER ${LIMIT}` : ""}`],
    ],
    rows,
  );
  failed = rows.some(over);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
