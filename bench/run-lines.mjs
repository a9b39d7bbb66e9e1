#!/usr/bin/env node
// Speed of `migrate` and `check` against the number of continuation lines of ONE RUN, at a size
// and 4 times that size, each next to `parseDockerfile` alone (the baseline, linear by
// construction) on the same text in the same run. Linear code keeps the work/parse ratio flat as
// the RUN grows; a step that copies or walks everything found so far once per line makes it
// about 4 times larger.
//
// - ` \` then `&& X=$(echo "a\tb")` on each line: every `$( )` holding a backslash is migrated
//   under a checkpoint (undone if its rewrite cannot be written back), and each line's echo note
//   has a key of its own. A checkpoint copied every warning key and created group: 40,000 lines
//   took 20 s; now a log is undone instead (about 3 s).
// - the same with `&& groupadd gN` on each line: the created groups the checkpoint saved too.
// - ` \` then `&& echo "a\tb"`: the echo rewrite and its note per line, no substitution.
// - ` \` then `&& sh -c 'apt-get install -y curl'`: each string is converted tentatively (put back
//   when an edit cannot be written into it). Each copied every Set, Map and array of the stage,
//   and each adds an `apk add` to one of them: 100,000 strings ran out of a 512 MiB heap; now the
//   stage's collections log their changes instead.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when any ratio at 4 times the size is
// more than 2 times its ratio at the smaller size.
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { printWorkTable, reportGrowth, timeSelected } from "./lib/growth.mjs";

const { parse, migrate, check, checksum, remove } = await dockerfileWork("run-lines");

/** `FROM debian:12` and one RUN of `true` continued by `n` lines `each(i)`. */
const oneRun = (each) => (n) => {
  const lines = ["RUN true"];
  for (let i = 0; i < n; i++) lines.push(` && ${each(i)}`);
  return `FROM debian:12\n${lines.join(" \\\n")}\n`;
};
const substitutions = oneRun(() => 'X=$(echo "a\\tb")');
const groups = oneRun((i) => `groupadd g${i} && X=$(echo "a\\tb")`);
const echoes = oneRun(() => 'echo "a\\tb"');
const strings = oneRun(() => "sh -c 'apt-get install -y curl'");

/** name, what it runs, the RUN's line shape; sizes 5000 and 4 times that. */
const CASES = [
  { name: "migrate", run: migrate, shape: "X=$(echo)", text: substitutions },
  { name: "check", run: check, shape: "X=$(echo)", text: substitutions },
  { name: "migrate", run: migrate, shape: "groupadd+$(echo)", text: groups },
  { name: "migrate", run: migrate, shape: "echo", text: echoes },
  { name: "migrate", run: migrate, shape: "sh -c apt-get", text: strings },
].map((c) => ({ ...c, sizes: [5000, 20_000] }));

// `node bench/run-lines.mjs groupadd`: only the cases whose name or shape holds the word.
const { cases, rows } = await timeSelected(
  CASES,
  {
    baseline: parse,
    warmSize: 100,
    timing: { rounds: 3, gc: true },
  },
  remove,
);

console.log(`lines of one RUN against parsing alone (checksum ${checksum()})`);
printWorkTable(rows, "lines", [8, 17, 6, 9]);
const failed = reportGrowth(cases, rows, { limit: 2 });
process.exit(failed ? 1 : 0);
