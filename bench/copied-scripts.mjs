#!/usr/bin/env node
// Speed of linking COPYed scripts to the RUNs that execute them (`copiedFiles`, which shadow,
// bash, gosu and GNU tools read) against file size, at a size and 4 times that size, each next
// to `parseDockerfile` alone on the same text in the same run. Only a migration given a build
// context (`readContextFile`, as the CLI gives it) walks this, so the other benches never do.
//
// - One stage of COPY/RUN pairs, 1000 and 4000 of them: folder copies into a few folders and
//   files copied under WORKDIR, each RUN with a `cd`, relative and absolute calls and plain
//   commands (each looked up along PATH). Each path is answered from the copies made since it
//   was last asked, so the work grows with the file, not with copies x commands.
// - Chained stages each with a relative WORKDIR under the last (`FROM s{i-1}`, `WORKDIR w{i}`,
//   `COPY install.sh .`, `RUN ./install.sh`), 500 and 2000 of them: the WORKDIR path grows with
//   the chain. Listing every folder above a path and cutting the path at each took 2000 stages
//   50 s (2 s at 500); walked down a tree of the copied folders, 1 s.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when any ratio at 4 times the size is
// more than 2 times its ratio at the smaller size.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (pkg) => join(root, "packages", pkg, "dist", "index.js");
for (const pkg of ["dockerfile", "package-map"]) {
  if (!existsSync(dist(pkg))) {
    console.error(
      `bench/copied-scripts: build first (pnpm build): packages/${pkg}/dist is missing`,
    );
    process.exit(2);
  }
}
const load = (pkg) => import(pathToFileURL(dist(pkg)).href);
const { migrateDockerfile, parseDockerfile } = await load("dockerfile");
const { createPackageMap } = await load("package-map");
const packageMap = createPackageMap({ release: "3.23" });

/** The build context: one script that calls useradd, and a script in each of 50 folders. */
const files = new Map([["install.sh", "#!/bin/sh\nuseradd -m bob\n"]]);
for (let i = 0; i < 50; i++) files.set(`d${i}/s.sh`, "#!/bin/sh\necho hi\n");
const readContextFile = (path) => files.get(path.replace(/^\.\//, ""));

function pairs(n) {
  const lines = ["FROM debian:12", "WORKDIR /app"];
  for (let i = 0; i < n; i++) {
    lines.push(i % 3 === 0 ? `COPY d${i % 50}/ /opt/d${i % 7}/` : `COPY install.sh ./x${i}/`);
    lines.push(
      `RUN x${i}/install.sh && cd /opt/d${i % 7} && ./s.sh && ls && cp a b && /opt/d${i % 7}/s.sh`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function chain(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(i === 0 ? "FROM debian:12 AS s0" : `FROM s${i - 1} AS s${i}`);
    lines.push(`WORKDIR w${i}`, "COPY install.sh .", "RUN ./install.sh");
  }
  return `${lines.join("\n")}\n`;
}

const migrate = (text) =>
  migrateDockerfile(text, { release: "3.23", packageMap, readContextFile }).edits.length;

const CASES = [
  { name: "COPY/RUN pairs", text: pairs, sizes: [1000, 4000] },
  { name: "WORKDIR chain", text: chain, sizes: [500, 2000] },
];

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc");
let sink = 0;

/** Best of at least 3 runs of the case and of the parse baseline, taken in turns. */
function time(text) {
  sink += migrate(text);
  let best = Number.POSITIVE_INFINITY;
  let bestParse = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++) {
    collect();
    let t = process.hrtime.bigint();
    sink += parseDockerfile(text).instructions.length;
    bestParse = Math.min(bestParse, Number(process.hrtime.bigint() - t) / 1e6);
    collect();
    t = process.hrtime.bigint();
    sink += migrate(text);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: best, parseMs: bestParse };
}

// Warm the JIT on small files first, so the first measured size is not charged for it.
for (const c of CASES) for (let i = 0; i < 3; i++) migrate(c.text(50));
let failed = false;
for (const c of CASES) {
  const [small, large] = c.sizes.map((n) => ({ n, ...time(c.text(n)) }));
  for (const r of [small, large])
    console.log(
      `${c.name} ${r.n}: parse ${r.parseMs.toFixed(1)} ms, migrate ${r.ms.toFixed(0)} ms, ratio ${(r.ms / r.parseMs).toFixed(1)}`,
    );
  const growth = large.ms / large.parseMs / (small.ms / small.parseMs);
  failed ||= growth > 2;
  console.log(
    `${c.name}, ${large.n} vs ${small.n}: work/parse ratio ${growth.toFixed(2)}x, time ${(large.ms / small.ms).toFixed(2)}x (1.0x ratio and 4x time = linear)`,
  );
}
console.log(`checksum ${sink}`);
process.exit(failed ? 1 : 0);
