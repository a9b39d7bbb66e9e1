#!/usr/bin/env node
// Throughput of `migrateDockerfile` over the whole corpus (Charon, the Debian side of every
// expert pair, the dfc inputs), next to a parse-only baseline (parseDockerfile) measured in the
// same run on the same files. Prints files/second for both and the ratio.
// Runs from built dist (pnpm build first). Options: --rounds N (default 20).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { intFlag, loadPackages, root } from "./lib/dist.mjs";
import { timeInTurns } from "./lib/timing.mjs";

const corpus = join(root, "..", "shared", "corpus");
if (!existsSync(corpus)) {
  console.log(`bench/migrate: ${corpus} not found; skipping`);
  process.exit(0);
}
const { migrateDockerfile, parseDockerfile, createPackageMap } = await loadPackages("migrate", [
  "dockerfile",
  "package-map",
]);

const files = [join(corpus, "charon", "debian-trixie.Dockerfile")];
for (const d of readdirSync(join(corpus, "pairs"))) {
  const f = join(corpus, "pairs", d, "debian.Dockerfile");
  if (existsSync(f)) files.push(f);
}
for (const f of readdirSync(join(corpus, "dfc"))) {
  if (f.endsWith(".before.Dockerfile")) files.push(join(corpus, "dfc", f));
}
const texts = files.map((f) => readFileSync(f, "utf8"));
const rounds = intFlag("migrate", "--rounds", 20);

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
const [parse, migrate] = await timeInTurns([parseAll, migrateAll], { rounds });
const parseSeconds = parse.median / 1000;
const migrateSeconds = migrate.median / 1000;

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
