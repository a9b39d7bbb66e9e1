#!/usr/bin/env node
// Throughput of `migrateDockerfile` over the whole corpus (Charon, the Debian side of every
// expert pair, the dfc inputs), next to a parse-only baseline (parseDockerfile) measured in the
// same run on the same files. Prints files/second for both and the ratio.
// Runs from built dist (pnpm build first). Options: --rounds N (default 20).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = join(root, "..", "shared", "corpus");
const dist = join(root, "packages", "dockerfile", "dist", "index.js");
const mapDist = join(root, "packages", "package-map", "dist", "index.js");
if (!existsSync(corpus)) {
  console.log(`bench/migrate: ${corpus} not found; skipping`);
  process.exit(0);
}
if (!existsSync(dist) || !existsSync(mapDist)) {
  console.error("bench/migrate: build first (pnpm build)");
  process.exit(2);
}
const { migrateDockerfile, parseDockerfile } = await import(dist);
const { createPackageMap } = await import(mapDist);

const files = [join(corpus, "charon", "debian-trixie.Dockerfile")];
for (const d of readdirSync(join(corpus, "pairs"))) {
  const f = join(corpus, "pairs", d, "debian.Dockerfile");
  if (existsSync(f)) files.push(f);
}
for (const f of readdirSync(join(corpus, "dfc"))) {
  if (f.endsWith(".before.Dockerfile")) files.push(join(corpus, "dfc", f));
}
const texts = files.map((f) => readFileSync(f, "utf8"));
const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg === -1 ? 20 : Number(process.argv[roundsArg + 1]);

const t0 = performance.now();
const packageMap = createPackageMap({ release: "3.23" });
const mapMs = performance.now() - t0;

let sink = 0;
const parseAll = () => {
  for (const t of texts) sink += parseDockerfile(t).instructions.length;
};
const migrateAll = () => {
  for (const t of texts) sink += migrateDockerfile(t, { release: "3.23", packageMap }).edits.length;
};
// Warm-up (JIT, lazy package data), then alternate the two so machine noise hits both alike;
// the medians of the per-round times give the rates.
parseAll();
migrateAll();
const parseTimes = [];
const migrateTimes = [];
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  parseAll();
  parseTimes.push(performance.now() - t);
  t = performance.now();
  migrateAll();
  migrateTimes.push(performance.now() - t);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] / 1000;
const parseSeconds = median(parseTimes);
const migrateSeconds = median(migrateTimes);

const n = texts.length;
const parseRate = n / parseSeconds;
const migrateRate = n / migrateSeconds;
const bytes = texts.reduce((a, t) => a + t.length, 0);
console.log(
  `corpus: ${texts.length} Dockerfiles, ${(bytes / 1024).toFixed(0)} KiB, ${rounds} alternating rounds, median per round (checksum ${sink})`,
);
console.log(`package map for 3.23 built once in ${mapMs.toFixed(0)} ms (not in the rates below)`);
console.log(`parse only (baseline): ${parseRate.toFixed(0)} files/s`);
console.log(`migrate:               ${migrateRate.toFixed(0)} files/s`);
console.log(
  `ratio migrate/parse:   ${(migrateRate / parseRate).toFixed(3)} (migrate is ${(parseRate / migrateRate).toFixed(1)}x slower than parsing alone)`,
);
