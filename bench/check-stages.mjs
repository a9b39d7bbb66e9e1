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
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (pkg) => join(root, "packages", pkg, "dist", "index.js");
const missing = ["dockerfile", "repo"].filter((pkg) => !existsSync(dist(pkg)));
if (missing.length > 0) {
  console.error(`bench/check-stages: build first (pnpm build): no dist for ${missing.join(", ")}`);
  process.exit(2);
}
const { parseDockerfile } = await import(pathToFileURL(dist("dockerfile")).href);
const { checkTargets, defaultConfig, defaultTransforms } = await import(
  pathToFileURL(dist("repo")).href
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

const parse = async (text) => {
  checksum += parseDockerfile(text).instructions.length;
};
const check = async () => {
  checksum += (await checkTargets([{ path: file, kind: "dockerfile" }], options)).findings.length;
};

/** Least time over a few runs (3, or up to 30 while under 300 ms in all): the least disturbed. */
async function best(fn, text) {
  await fn(text);
  const times = [];
  while (times.length < 3 || (times.reduce((a, b) => a + b, 0) < 300 && times.length < 30)) {
    const start = performance.now();
    await fn(text);
    times.push(performance.now() - start);
  }
  return Math.min(...times);
}

const rows = [];
try {
  writeFileSync(file, alpineChain(100));
  for (let i = 0; i < 3; i++) await check(); // JIT warm-up, charged to no size
  for (const stages of [500, 1000, 2000]) {
    const text = alpineChain(stages);
    writeFileSync(file, text);
    rows.push({ stages, parseMs: await best(parse, text), checkMs: await best(check, text) });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`Alpine chained stages, check (checksum ${checksum})`);
console.log("stages  parse (baseline)  check             check/parse");
for (const { stages, parseMs, checkMs } of rows) {
  const perStage = (ms) => `${((ms * 1000) / stages).toFixed(1)} µs/stage`.padEnd(17);
  console.log(
    `${String(stages).padEnd(7)} ${perStage(parseMs)} ${perStage(checkMs)} ${(checkMs / parseMs).toFixed(1)} (${(checkMs / 1000).toFixed(2)} s)`,
  );
}
const ratio = (r) => r.checkMs / r.parseMs;
const growth = ratio(rows.at(-1)) / ratio(rows[0]);
console.log(
  `check/parse at ${rows.at(-1).stages} stages vs ${rows[0].stages}: ${growth.toFixed(2)}x (1.0 = linear)`,
);
process.exit(growth > 3 ? 1 : 0);
