#!/usr/bin/env node
// Speed of `migrate` and `check` against the number of RUN lines that make users and groups (or
// run copied scripts), one per RUN, at a size and 4 times that size, each next to
// `parseDockerfile` alone (the baseline, linear by construction) on the same text in the same
// run. Linear code keeps the work/parse ratio flat as the file grows; a step that looks at every
// earlier RUN, account or COPY once per RUN makes it about 4 times larger. All in one RUN was
// always linear: the cost was per RUN instruction.
//
// - `RUN useradd -u N uN && groupadd -g N gN` on Debian, 2000 and 8000 lines: `migrateDockerfile`.
//   Finding the group that has a GID searched every group the stage made, and whether the build
//   sets $SHELL read the stage's body, per call: 10,000 lines took over 30 s; now about 3 s.
// - `RUN groupadd -g N gN` and `RUN useradd -u N uN` on Debian, 2000 and 8000 lines: `check`
//   (checkTargets, what `alpinize check FILE` runs; it migrates to say what migrate would do).
// - `RUN addgroup -g N gN` and `RUN adduser -D -u N uN` on Alpine, 2000 and 8000 lines: `check`.
//   The account state was copied into sets of IDs for each call, and which shell runs a RUN read
//   the stage's body per RUN.
// - `COPY x.sh /xN.sh` then `RUN /xN.sh` (and then `RUN true`), 2000 and 8000 pairs: `check`.
//   Every earlier COPY was recorded again for each RUN, and where each command's program came
//   from walked every COPY before it.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when any ratio at 4 times the size is
// more than 2 times its ratio at the smaller size.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { printWorkTable, reportGrowth, timeSelected } from "./lib/growth.mjs";

const { dir, parse, migrate, check, checksum, remove } = await dockerfileWork("account-runs");
writeFileSync(join(dir, "x.sh"), "#!/bin/sh\necho hi\n");

/** A file of `from` then `n` times the lines `each(i)` gives. */
const file = (from, each) => (n) => {
  const lines = [from];
  for (let i = 0; i < n; i++) lines.push(...each(i));
  return `${lines.join("\n")}\n`;
};
const DEBIAN = "FROM debian:bookworm";
const ALPINE = "FROM alpine:3.20";
const usersAndGroups = file(DEBIAN, (i) => [
  `RUN useradd -u ${1000 + i} u${i} && groupadd -g ${1000 + i} g${i}`,
]);
const groupadds = file(DEBIAN, (i) => [`RUN groupadd -g ${1000 + i} g${i}`]);
const useradds = file(DEBIAN, (i) => [`RUN useradd -u ${1000 + i} u${i}`]);
const addgroups = file(ALPINE, (i) => [`RUN addgroup -g ${1000 + i} g${i}`]);
const addusers = file(ALPINE, (i) => [`RUN adduser -D -u ${1000 + i} u${i}`]);
const copiedRuns = file(ALPINE, (i) => [`COPY x.sh /x${i}.sh`, `RUN /x${i}.sh`]);
const otherRuns = file(ALPINE, (i) => [`COPY x.sh /x${i}.sh`, "RUN true"]);

/** name, what it runs, the file shape, its two sizes (the second 4 times the first). */
const CASES = [
  { name: "migrate", run: migrate, shape: "useradd+groupadd", text: usersAndGroups },
  { name: "check", run: check, shape: "groupadd -g", text: groupadds },
  { name: "check", run: check, shape: "useradd -u", text: useradds },
  { name: "check", run: check, shape: "addgroup -g", text: addgroups },
  { name: "check", run: check, shape: "adduser -u", text: addusers },
  { name: "check", run: check, shape: "COPY+RUN it", text: copiedRuns },
  { name: "check", run: check, shape: "COPY+RUN true", text: otherRuns },
].map((c) => ({ ...c, sizes: [2000, 8000] }));

// `node bench/account-runs.mjs COPY`: only the cases whose name or shape holds the word.
const { cases, rows } = await timeSelected(
  CASES,
  {
    baseline: parse,
    warmSize: 100,
    timing: { rounds: 5, gc: true },
  },
  remove,
);

console.log(`account and script RUN lines against parsing alone (checksum ${checksum()})`);
printWorkTable(rows, "lines", [8, 17, 6, 9]);
const failed = reportGrowth(cases, rows, { limit: 2 });
process.exit(failed ? 1 : 0);
