#!/usr/bin/env node
// Speed of `migrate` and `check` against the number of apt commands of a Dockerfile, at a size
// and 4 times that size, each next to the same run on the same number of `echo` commands (the
// baseline: the same shell reading, no package handling) measured in the same run, in turns.
// Linear package handling keeps the apt/echo ratio flat as the file grows; a step that walks or
// copies everything found so far once per command makes it about 4 times larger.
//
// - one RUN of `apt-get install -y curl && …`: each `&&` walked back to the start of its list to
//   see whether only `&&` came before it, before asking whether a probe (`command -v X`) did:
//   16,000 commands took migrate 21.7 s and check 16 s; now about 2 s.
// - `RUN apt-get install -y` lines of 4 distinct names each, unknown to Alpine: the apk world
//   (what is installed after each `apk add`) was worked out again from every package so far at
//   each command: 49,999 such lines ran for minutes; now about 20 s.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when any ratio at 4 times the size is
// more than 2 times its ratio at the smaller size.
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { printWorkTable, reportGrowth, timeSelected } from "./lib/growth.mjs";

const { migrate, check, checksum, remove } = await dockerfileWork("apt-commands");

const FROM = "FROM debian:12\n";
/** One RUN of `n` commands joined by `&&`. */
const chain = (command) => (n) => `${FROM}RUN ${Array(n).fill(command).join(" && ")}\n`;
/** `n` RUN lines of `command` and 4 names each, distinct over the file (0000 0001 …). */
const lines = (command) => (n) => {
  let k = 0;
  const name = () => (k++).toString(36).padStart(4, "0");
  const line = () => `RUN ${command} ${Array.from({ length: 4 }, name).join(" ")}\n`;
  return FROM + Array.from({ length: n }, line).join("");
};

const CHAIN = { text: chain("apt-get install -y curl"), baseText: chain("echo curl") };
const LINES = { text: lines("apt-get install -y"), baseText: lines("echo") };
/** name, what it runs (also on the baseline), the commands' shape, sizes (n and 4n). */
const CASES = [
  { name: "migrate", run: migrate, shape: "one RUN &&", ...CHAIN, sizes: [4000, 16_000] },
  { name: "check", run: check, shape: "one RUN &&", ...CHAIN, sizes: [4000, 16_000] },
  { name: "migrate", run: migrate, shape: "RUN lines", ...LINES, sizes: [2500, 10_000] },
].map((c) => ({ ...c, base: c.run }));

// `node bench/apt-commands.mjs check`: only the cases whose name or shape holds the word.
const { cases, rows } = await timeSelected(
  CASES,
  { warmSize: 100, timing: { rounds: 3, gc: true } },
  remove,
);

console.log(`apt commands against as many echo commands (checksum ${checksum()})`);
printWorkTable(rows, "commands", [8, 11, 9, 8], {
  base: ["echo", 9],
  work: ["apt", 9],
  ratio: "apt/echo",
});
const failed = reportGrowth(cases, rows, {
  limit: 2,
  work: "apt",
  base: "echo",
});
process.exit(failed ? 1 : 0);
