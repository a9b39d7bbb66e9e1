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
import { loadPackages } from "./lib/dist.mjs";
import { ratio, reportGrowth, rowsOf, timeSizes } from "./lib/growth.mjs";

const { migrateDockerfile, parseDockerfile, createPackageMap } = await loadPackages(
  "copied-scripts",
  ["dockerfile", "package-map"],
);
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

let sink = 0;
const migrate = (text) => {
  sink += migrateDockerfile(text, { release: "3.23", packageMap, readContextFile }).edits.length;
};
const parse = (text) => {
  sink += parseDockerfile(text).instructions.length;
};

const CASES = [
  { name: "COPY/RUN pairs", text: pairs, run: migrate, sizes: [1000, 4000] },
  { name: "WORKDIR chain", text: chain, run: migrate, sizes: [500, 2000] },
];

// Best of 3 runs of the case and of the parse baseline, taken in turns.
const rows = await timeSizes(CASES, {
  baseline: parse,
  warmSize: 50,
  timing: { rounds: 3, gc: true },
});
for (const c of CASES) {
  for (const r of rowsOf(rows, c))
    console.log(
      `${c.name} ${r.n}: parse ${r.baseMs.toFixed(1)} ms, migrate ${r.ms.toFixed(0)} ms, ratio ${ratio(r).toFixed(1)}`,
    );
}
const failed = reportGrowth(CASES, rows, { limit: 2, label: (c) => c.name });
console.log(`checksum ${sink}`);
process.exit(failed ? 1 : 0);
