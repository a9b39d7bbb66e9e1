#!/usr/bin/env node
// Speed of `migrate` and `check` against the number of RUN lines that make users and groups (or
// run copied scripts), one per RUN, at a size and 4 times that size, each next to
// `parseDockerfile` alone (the baseline, linear by construction) on the same text in the same
// run. Linear code keeps the work/parse ratio flat as the file grows; a step that looks at every
// earlier RUN, account or COPY once per RUN makes it about 4 times larger. All in one RUN was
// always linear: the cost was per RUN instruction.
//
// - `RUN useradd -u N uN && groupadd -g N gN` on Debian, 2000 and 8000 lines: `migrateDockerfile`.
//   Finding the group that has a GID searched every group the stage made, and whether the build
//   sets $SHELL read the stage's body, per call: 10,000 lines took over 30 s; now about 3 s.
// - `RUN groupadd -g N gN` and `RUN useradd -u N uN` on Debian, 2000 and 8000 lines: `check`
//   (checkTargets, what `alpinize check FILE` runs; it migrates to say what migrate would do).
// - `RUN addgroup -g N gN` and `RUN adduser -D -u N uN` on Alpine, 2000 and 8000 lines: `check`.
//   The account state was copied into sets of IDs for each call, and which shell runs a RUN read
//   the stage's body per RUN.
// - `COPY x.sh /xN.sh` then `RUN /xN.sh` (and then `RUN true`), 2000 and 8000 pairs: `check`.
//   Every earlier COPY was recorded again for each RUN, and where each command's program came
//   from walked every COPY before it.
//
// Runs from built dist (pnpm build first). Exit 0, or 1 when any ratio at 4 times the size is
// more than 2 times its ratio at the smaller size.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (pkg) => join(root, "packages", pkg, "dist", "index.js");
for (const pkg of ["dockerfile", "package-map", "repo"]) {
  if (!existsSync(dist(pkg))) {
    console.error(`bench/account-runs: build first (pnpm build): packages/${pkg}/dist is missing`);
    process.exit(2);
  }
}
const load = (pkg) => import(pathToFileURL(dist(pkg)).href);
const { migrateDockerfile, parseDockerfile } = await load("dockerfile");
const { createPackageMap } = await load("package-map");
const { checkTargets, defaultConfig, defaultTransforms } = await load("repo");

/** A file of `from` then `n` times the lines `each(i)` gives. */
const file = (from, each) => (n) => {
  const lines = [from];
  for (let i = 0; i < n; i++) lines.push(...each(i));
  return `${lines.join("\n")}\n`;
};
const DEBIAN = "FROM debian:bookworm";
const ALPINE = "FROM alpine:3.20";
const usersAndGroups = file(DEBIAN, (i) => [
  `RUN useradd -u ${1000 + i} u${i} && groupadd -g ${1000 + i} g${i}`,
]);
const groupadds = file(DEBIAN, (i) => [`RUN groupadd -g ${1000 + i} g${i}`]);
const useradds = file(DEBIAN, (i) => [`RUN useradd -u ${1000 + i} u${i}`]);
const addgroups = file(ALPINE, (i) => [`RUN addgroup -g ${1000 + i} g${i}`]);
const addusers = file(ALPINE, (i) => [`RUN adduser -D -u ${1000 + i} u${i}`]);
const copiedRuns = file(ALPINE, (i) => [`COPY x.sh /x${i}.sh`, `RUN /x${i}.sh`]);
const otherRuns = file(ALPINE, (i) => [`COPY x.sh /x${i}.sh`, "RUN true"]);

const packageMap = createPackageMap({ release: "3.23" });
const transforms = defaultTransforms();
const dir = mkdtempSync(join(tmpdir(), "alpinize-bench-account-runs-"));
const dockerfile = join(dir, "Dockerfile");
writeFileSync(join(dir, "x.sh"), "#!/bin/sh\necho hi\n");

let sink = 0;
const parse = (text) => {
  sink += parseDockerfile(text).instructions.length;
};
const migrate = (text) => {
  sink += migrateDockerfile(text, { release: "3.23", packageMap }).edits.length;
};
const check = async (text) => {
  writeFileSync(dockerfile, text);
  const result = await checkTargets([{ path: dockerfile, kind: "dockerfile" }], {
    config: defaultConfig(),
    transforms,
    cwd: dir,
  });
  sink += result.findings.length;
};

/** name, what it runs, the file shape, its two sizes (the second 4 times the first). */
const CASES = [
  { name: "migrate", run: migrate, shape: "useradd+groupadd", text: usersAndGroups },
  { name: "check", run: check, shape: "groupadd -g", text: groupadds },
  { name: "check", run: check, shape: "useradd -u", text: useradds },
  { name: "check", run: check, shape: "addgroup -g", text: addgroups },
  { name: "check", run: check, shape: "adduser -u", text: addusers },
  { name: "check", run: check, shape: "COPY+RUN it", text: copiedRuns },
  { name: "check", run: check, shape: "COPY+RUN true", text: otherRuns },
].map((c) => ({ ...c, sizes: [2000, 8000] }));

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc");

/**
 * Best of several runs of the case and of the parse baseline, taken in turns so that both see
 * the same load: the minimum is the least disturbed by other work on the machine.
 */
async function time(fn, text) {
  await fn(text); // warm up
  parse(text);
  let best = Number.POSITIVE_INFINITY;
  let bestParse = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    collect();
    let t = process.hrtime.bigint();
    parse(text);
    bestParse = Math.min(bestParse, Number(process.hrtime.bigint() - t) / 1e6);
    collect();
    t = process.hrtime.bigint();
    await fn(text);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: best, parseMs: bestParse };
}

// `node bench/account-runs.mjs COPY`: only the cases whose name or shape holds the word.
const only = process.argv[2];
const cases = CASES.filter((c) => !only || `${c.name} ${c.shape}`.includes(only));
const rows = [];
try {
  // Warm the JIT on small files first, so the first measured size is not charged for it.
  for (const c of cases) for (let i = 0; i < 3; i++) await c.run(c.text(100));
  for (const c of cases) {
    for (const n of c.sizes) {
      const text = c.text(n);
      rows.push({ case: c, n, bytes: text.length, ...(await time(c.run, text)) });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
console.log(`account and script RUN lines against parsing alone (checksum ${sink})`);
console.log("case     shape             lines  bytes     parse     work      work/parse");
for (const r of rows) {
  console.log(
    [
      r.case.name.padEnd(8),
      r.case.shape.padEnd(17),
      String(r.n).padEnd(6),
      String(r.bytes).padEnd(9),
      fmt(r.parseMs).padEnd(9),
      fmt(r.ms).padEnd(9),
      (r.ms / r.parseMs).toFixed(1),
    ].join(" "),
  );
}
let failed = false;
for (const c of cases) {
  const [small, large] = rows.filter((r) => r.case === c);
  const growth = large.ms / large.parseMs / (small.ms / small.parseMs);
  failed ||= growth > 2;
  console.log(
    `${c.name} on ${c.shape}, ${large.n} vs ${small.n}: work/parse ratio ${growth.toFixed(2)}x, time ${(large.ms / small.ms).toFixed(2)}x (1.0x ratio and 4x time = linear)${growth > 2 ? "  OVER 2x" : ""}`,
  );
}
process.exit(failed ? 1 : 0);
