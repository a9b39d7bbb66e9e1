#!/usr/bin/env node
// Speed of `alpinize check` on a Dockerfile that is Alpine already, against the length of a
// `FROM earlier-stage` chain: `FROM alpine:3.23 AS s0` (which builds a Go binary), then
// `FROM s{i-1} AS s{i}` with an `apk add` in each stage, at 500, 1000 and 2000 stages. The
// repository check (`checkTargets`) is timed next to `parseDockerfile` alone (the baseline,
// linear by construction) in the same run on the same text, and the check/parse ratio printed.
// The apk rules (is the stage shipped, does it or a parent add repositories) and the go-netdns
// rule (CGO_ENABLED=0 in a parent, a Go build in a parent) ask about every parent of a stage;
// remembered per stage along the chain they cost one step per stage, and the ratio stays flat
// (walking the parents for each apk command made 2000 stages take about 30 s).
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when the ratio at 2000 stages is more
// than 3 times the ratio at 500 stages.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPackages } from "./lib/dist.mjs";
import { perUnit, printTable } from "./lib/format.mjs";
import { growthOf, ratio, timeSizes } from "./lib/growth.mjs";

const { parseDockerfile, checkTargets, defaultConfig, defaultTransforms } = await loadPackages(
  "check-stages",
  ["dockerfile", "repo"],
);

function alpineChain(stages) {
  const lines = ["FROM alpine:3.23 AS s0", "RUN apk add --no-cache go gcc musl-dev && go build ."];
  for (let i = 1; i < stages; i++) {
    lines.push(`FROM s${i - 1} AS s${i}`, `RUN apk add --no-cache curl${i % 7}`);
  }
  return `${lines.join("\n")}\n`;
}

const dir = mkdtempSync(join(tmpdir(), "alpinize-bench-check-stages-"));
const file = join(dir, "Dockerfile");
const options = { config: defaultConfig(), transforms: defaultTransforms(), cwd: dir };
let checksum = 0;

const parse = (text) => {
  checksum += parseDockerfile(text).instructions.length;
};
const check = async () => {
  checksum += (await checkTargets([{ path: file, kind: "dockerfile" }], options)).findings.length;
};

// check reads the file, written before each size and not timed.
const CHECK = {
  sizes: [500, 1000, 2000],
  text: alpineChain,
  setup: (text) => writeFileSync(file, text),
  run: check,
};
let rows;
try {
  // Least time over a few runs (3, or up to 30 while under 300 ms in all): the least disturbed.
  const timing = { rounds: 3, budgetMs: 300, maxRounds: 30 };
  rows = await timeSizes([CHECK], { baseline: parse, warmSize: 100, timing });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`Alpine chained stages, check (checksum ${checksum})`);
const perStage = (ms, r) => perUnit(ms, r.n, "stage", 1);
printTable(
  [
    ["stages", 7, (r) => String(r.n)],
    ["parse (baseline)", 17, (r) => perStage(r.baseMs, r)],
    ["check", 17, (r) => perStage(r.ms, r)],
    ["check/parse", 0, (r) => `${ratio(r).toFixed(1)} (${(r.ms / 1000).toFixed(2)} s)`],
  ],
  rows,
);
const growth = growthOf(rows);
console.log(
  `check/parse at ${rows.at(-1).n} stages vs ${rows[0].n}: ${growth.toFixed(2)}x (1.0 = linear)${growth > 3 ? "  OVER 3x" : ""}`,
);
process.exit(growth > 3 ? 1 : 0);
