#!/usr/bin/env node
// Speed of stage analysis against the length of a `FROM earlier-stage` chain. Generates
// `FROM debian:12 AS s0`, then `FROM s{i-1} AS s{i}` with a small `RUN apt-get install -y curl`
// in each stage, at 500, 1000 and 2000 stages, and times `migrateDockerfile` and the repository
// check (`checkTargets`, what `alpinize check FILE` runs) next to `parseDockerfile` alone (the
// baseline, linear by construction) in the same run on the same text. Linear stage analysis
// keeps the migrate/parse and check/parse ratios flat as the chain grows; walking the ancestors
// for each pair of stages made them grow with the square of the length (the CLI took 1.5 s to
// migrate 500 stages, 48 s for 2000). Steps that are still quadratic with a small constant (a
// stage's alias looked up among the earlier ones, zoneinfo's scan of every COPY for each stage)
// still raise both ratios somewhat: about 1.7x from 500 to 2000 stages.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when either ratio at 2000 stages is more
// than 3 times its ratio at 500 stages.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (pkg) => join(root, "packages", pkg, "dist", "index.js");
for (const pkg of ["dockerfile", "package-map", "repo"]) {
  if (!existsSync(dist(pkg))) {
    console.error(`bench/stages: build first (pnpm build): packages/${pkg}/dist is missing`);
    process.exit(2);
  }
}
const load = (pkg) => import(pathToFileURL(dist(pkg)).href);
const { migrateDockerfile, parseDockerfile } = await load("dockerfile");
const { createPackageMap } = await load("package-map");
const { checkTargets, defaultConfig, defaultTransforms } = await load("repo");

function chain(stages) {
  const lines = [];
  for (let i = 0; i < stages; i++) {
    lines.push(i === 0 ? "FROM debian:12 AS s0" : `FROM s${i - 1} AS s${i}`);
    lines.push("RUN apt-get update && apt-get install -y curl");
  }
  return `${lines.join("\n")}\n`;
}

const packageMap = createPackageMap({ release: "3.23" });
const transforms = defaultTransforms();
const dir = mkdtempSync(join(tmpdir(), "alpinize-bench-stages-"));
const file = join(dir, "Dockerfile");

let sink = 0;
const parse = (text) => {
  sink += parseDockerfile(text).instructions.length;
};
const migrate = (text) => {
  sink += migrateDockerfile(text, { release: "3.23", packageMap }).edits.length;
};
const check = async () => {
  const result = await checkTargets([{ path: file, kind: "dockerfile" }], {
    config: defaultConfig(),
    transforms,
    cwd: dir,
  });
  sink += result.findings.length;
};

// Best of several runs (at least 3, and more while under 300 ms in all): the minimum is the
// least disturbed by garbage collection and by other work on the machine.
async function time(fn, text) {
  await fn(text); // warm up
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let r = 0; r < 3 || (spent < 300 && r < 30); r++) {
    const t = process.hrtime.bigint();
    await fn(text);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

const rows = [];
try {
  // Warm the JIT on a short chain first, so the first measured size is not charged for it.
  writeFileSync(file, chain(100));
  for (let i = 0; i < 3; i++) {
    parse(chain(100));
    migrate(chain(100));
    await check();
  }
  for (const stages of [500, 1000, 2000]) {
    const text = chain(stages);
    writeFileSync(file, text);
    const parseMs = await time(parse, text);
    const migrateMs = await time(migrate, text);
    const checkMs = await time(check, text);
    rows.push({ stages, parseMs, migrateMs, checkMs });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const us = (ms, stages) => `${((ms * 1000) / stages).toFixed(1)} µs/stage`;
console.log(`chained stages (checksum ${sink})`);
console.log(
  "stages  parse (baseline)    migrate             check               migrate/parse  check/parse",
);
for (const r of rows) {
  console.log(
    [
      String(r.stages).padEnd(7),
      us(r.parseMs, r.stages).padEnd(19),
      us(r.migrateMs, r.stages).padEnd(19),
      us(r.checkMs, r.stages).padEnd(19),
      (r.migrateMs / r.parseMs).toFixed(1).padEnd(14),
      (r.checkMs / r.parseMs).toFixed(1),
    ].join(" "),
  );
}
const first = rows[0];
const last = rows.at(-1);
const growth = (key) => last[key] / last.parseMs / (first[key] / first.parseMs);
const migrateGrowth = growth("migrateMs");
const checkGrowth = growth("checkMs");
console.log(
  `ratio at ${last.stages} stages vs ${first.stages}: migrate/parse ${migrateGrowth.toFixed(2)}x, check/parse ${checkGrowth.toFixed(2)}x (1.0 = linear)`,
);
process.exit(migrateGrowth > 3 || checkGrowth > 3 ? 1 : 0);
