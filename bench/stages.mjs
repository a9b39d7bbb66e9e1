#!/usr/bin/env node
// Speed of stage analysis against the number of stages, at a size and 4 times that size, each
// next to `parseDockerfile` alone (the baseline, linear by construction) on the same text in the
// same run. Linear code keeps the work/parse ratio flat as the file grows; a step that walks the
// stages once per stage makes it about 4 times larger.
//
// - Chained stages (`FROM debian:12 AS s0`, then `FROM s{i-1} AS s{i}`, each with a small
//   `RUN apt-get install -y curl`), 1250 and 5000 of them: `migrateDockerfile`, and the
//   repository check (`checkTargets`, what `alpinize check FILE` runs). Walking the ancestors for
//   each pair of stages made these grow with the square of the length (the CLI took 48 s to
//   migrate 2000 stages); the walks left after that (an alias looked up among the earlier
//   stages, zoneinfo's scan of every COPY for each stage, the root walks of the base-image and
//   base-users rules) took migrate from 0.3-0.4 s at 1250 stages to 4-4.5 s at 5000 (11x);
//   indexed once per file, 0.15-0.3 s to 0.6-1.3 s.
// - Named stages (`FROM alpine:3.20 AS s{i}` and `COPY --from=s{i-1} /a /a`), 5000 and 20,000
//   of them (20,000 is about 1 MB): `pin --check` (findUnpinned) and `pin --write` (pinText with
//   a resolver that answers at once). Looking each COPY's --from up among all the stage names
//   one by one took 20,000 stages 7-10 s (0.4 s at 5000); with one set of names, 0.5-1.1 s.
// - Stages on global ARGs (`ARG B{i}=debian:12` before the first FROM, then `FROM ${B{i}} AS
//   s{i}`), 5000 and 20,000 of them: `migrateDockerfile` and `pin --check`. Each stage searched
//   the whole ARG list for its default (and the stage list for an alias of that name): 20,000
//   stages took 13 s to migrate; with one name → ARG map per file, about 1.3 s.
// - Stages whose tag or COPY takes a global ARG (`FROM golang:1.25-${S{i}}` with `ARG
//   S{i}=bookworm`; `COPY --from=${F{i}}` with `ARG F{i}=s0`), 5000 and 20,000 of them:
//   `migrateDockerfile`. Each searched the ARG list from its end: 20,000 stages took 3.6 s and
//   7.3 s (ratio 4.7x and 5.1x); with the same map as `FROM ${X}`, 0.34 s and 0.45 s.
// - Stages each on a whole-tag ARG (`ARG T{i}=3.12-slim-bookworm`, `FROM python:${T{i}}`), 5000
//   and 20,000 of them: `migrateDockerfile`. Whether another FROM or ARG line reads the variable
//   was a scan of the whole file per stage, and whether the default was rewritten already a scan
//   of every edit: 8000 stages took 21 s (0.95 s at 2000); counted once per file, 20,000 take 1.4 s.
// - Debian stages each copying `--from` the one before it by name, 5000 and 20,000 of them:
//   `migrateDockerfile`. Finding each COPY's stage searched the stages: 8000 took 3.5 s (0.33 s
//   at 2000); with one index per list of stages, 20,000 take 0.6-1 s.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when any ratio at 4 times the size is
// more than 2 times its ratio at the smaller size.
import { loadPackages } from "./lib/dist.mjs";
import { dockerfileWork } from "./lib/dockerfile-work.mjs";
import { printWorkTable, reportGrowth, timeSelected } from "./lib/growth.mjs";

const { parse, migrate, check, count, checksum, remove } = await dockerfileWork("stages");
const { findUnpinned, pinText } = await loadPackages("stages", ["digest"]);

/** Stages built each FROM the one before it. */
function chain(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) {
    lines.push(i === 0 ? "FROM debian:12 AS s0" : `FROM s${i - 1} AS s${i}`);
    lines.push("RUN apt-get update && apt-get install -y curl");
  }
  return `${lines.join("\n")}\n`;
}

/** Chained stages that each pip-install into the system python3 (a PEP 668 warning each). */
function chainPip(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) {
    lines.push(i === 0 ? "FROM debian:12 AS s0" : `FROM s${i - 1} AS s${i}`);
    lines.push("RUN apt-get update && apt-get install -y python3-pip && pip install flask");
  }
  return `${lines.join("\n")}\n`;
}

/** Stages each on an image, each copying from the stage before it by name. */
function named(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) {
    lines.push(`FROM alpine:3.20 AS s${i}`);
    if (i > 0) lines.push(`COPY --from=s${i - 1} /a /a`);
  }
  return `${lines.join("\n")}\n`;
}

/** Global ARGs, one per stage, each stage built FROM its own. */
function onArgs(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) lines.push(`ARG B${i}=debian:12`);
  for (let i = 0; i < stages; i++) lines.push(`FROM \${B${i}} AS s${i}`);
  return `${lines.join("\n")}\n`;
}

/** Global ARGs naming the Debian suite of each stage's tag (`FROM golang:1.25-${S{i}}`). */
function tagArgs(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) lines.push(`ARG S${i}=bookworm`);
  for (let i = 0; i < stages; i++) lines.push(`FROM golang:1.25-\${S${i}} AS s${i}`);
  return `${lines.join("\n")}\n`;
}

/** Debian stages each copying a program from the stage before it, by name. */
function copyChain(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) {
    lines.push(`FROM debian:12 AS s${i}`);
    if (i > 0) lines.push(`COPY --from=s${i - 1} /usr/local/bin/app /usr/local/bin/app`);
  }
  return `${lines.join("\n")}\n`;
}

/** Global ARGs each holding a whole tag (`FROM python:${T{i}}`), whose default is rewritten. */
function wholeTagArgs(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) lines.push(`ARG T${i}=3.12-slim-bookworm`);
  for (let i = 0; i < stages; i++) lines.push(`FROM python:\${T${i}} AS s${i}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Global ARGs naming the stage a COPY takes from (`COPY --from=${F{i}}`), all the first stage, so
 * that finding the stage itself costs nothing and what grows is reading the ARG.
 */
function copyArgs(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) lines.push(`ARG F${i}=s0`);
  lines.push("FROM debian:12 AS s0");
  for (let i = 1; i < stages; i++)
    lines.push(`FROM debian:12 AS s${i}`, `COPY --from=\${F${i}} /a /a`);
  return `${lines.join("\n")}\n`;
}

const DIGEST = `sha256:${"a".repeat(64)}`;
const resolveAll = async (refs) =>
  refs.map((reference) => ({ reference, result: { reference, digest: DIGEST } }));

const pinCheck = (text) => count(findUnpinned("dockerfile", text).unpinned.length);
const pinWrite = async (text) =>
  count((await pinText("dockerfile", text, resolveAll)).changes.length);

/** name, what it runs, the file shape, its two sizes (the second 4 times the first). */
const CASES = [
  { name: "migrate", run: migrate, shape: "chained", text: chain, sizes: [1250, 5000] },
  { name: "migrate", run: migrate, shape: "pip", text: chainPip, sizes: [1250, 5000] },
  { name: "check", run: check, shape: "chained", text: chain, sizes: [1250, 5000] },
  { name: "pin --check", run: pinCheck, shape: "named", text: named, sizes: [5000, 20000] },
  { name: "pin --write", run: pinWrite, shape: "named", text: named, sizes: [5000, 20000] },
  { name: "migrate", run: migrate, shape: "ARG", text: onArgs, sizes: [5000, 20000] },
  { name: "pin --check", run: pinCheck, shape: "ARG", text: onArgs, sizes: [5000, 20000] },
  { name: "migrate", run: migrate, shape: "tag ARG", text: tagArgs, sizes: [5000, 20000] },
  { name: "migrate", run: migrate, shape: "COPY ARG", text: copyArgs, sizes: [5000, 20000] },
  { name: "migrate", run: migrate, shape: "tag=ARG", text: wholeTagArgs, sizes: [5000, 20000] },
  { name: "migrate", run: migrate, shape: "COPY", text: copyChain, sizes: [5000, 20000] },
];

// `node bench/stages.mjs pip`: only the cases whose name or shape holds the word.
// A full collection before each timed run, so that no run pays for the garbage of the one
// before it (the 1 MB files make a lot); at least 5 runs each, more while under 300 ms in all.
const timing = { rounds: 5, budgetMs: 300, maxRounds: 30, gc: true };
const { cases, rows } = await timeSelected(
  CASES,
  { baseline: parse, warmSize: 100, timing },
  remove,
);

console.log(`stage analysis against parsing alone (checksum ${checksum()})`);
printWorkTable(rows, "stages", [13, 8, 7, 10]);
const label = (c) => `${c.name} on ${c.shape} stages`;
process.exit(reportGrowth(cases, rows, { limit: 2, label }) ? 1 : 0);
