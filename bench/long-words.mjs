#!/usr/bin/env node
// Growth of `migrateDockerfile` and `alpinize check` (checkTargets) on one very large RUN:
// a single long quoted word, a long apt-get install list, a long pipeline, and an apt-get
// install continued over many lines. Then inputs that once made a regular expression backtrack
// without end: useradd with many options (the risk scan of `migrate DIR`, lines of it as the scan
// reads lines up to 1000 characters), an images.ignore glob of many stars against a long image
// name (check), repeated `apt-get install` (the gosu test) and one long word of `PATH=venv`
// (the PEP 668 test). Each case is timed at a small size and at N times it in
// the same run, in turns, and the ratio of the median times is printed next to N: a ratio near
// N is linear growth, near N^2 quadratic. Runs from built dist (pnpm build first).
// Options: --rounds N (default 3), --only NAME (a case name prefix).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages", "dockerfile", "dist", "index.js");
const mapDist = join(root, "packages", "package-map", "dist", "index.js");
const repoDist = join(root, "packages", "repo", "dist", "index.js");
if (![dist, mapDist, repoDist].every((f) => existsSync(f))) {
  console.error("bench/long-words: build first (pnpm build)");
  process.exit(2);
}
const { migrateDockerfile } = await import(dist);
const { createPackageMap } = await import(mapDist);
const repo = await import(repoDist);

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const rounds = Number(arg("--rounds", 3));
const only = arg("--only", "");

const names = (n) => Array.from({ length: n }, (_, i) => `p${i}`).join(" ");
/** name, base size, growth factor, Dockerfile text for a size, and whether check runs too. */
const cases = [
  ["word-alpine", 25_000, 8, (n) => `FROM alpine:3.20\nRUN echo '${"x".repeat(n)}'\n`, true],
  ["word-debian", 25_000, 8, (n) => `FROM debian:12\nRUN echo '${"x".repeat(n)}'\n`, true],
  [
    "word-triple",
    25_000,
    8,
    (n) => `FROM debian:12\nRUN cargo build --target ${"x".repeat(n)}-unknown-linux-gnu\n`,
    true,
  ],
  [
    "triple-repeated",
    1_000,
    8,
    (n) => `FROM debian:12\nRUN cp ${"x86_64-unknown-linux-gnu".repeat(n)} /a\n`,
    true,
  ],
  ["apt-names", 5_000, 8, (n) => `FROM debian:12\nRUN apt-get install -y ${names(n)}\n`, true],
  [
    "apt-python-names",
    5_000,
    8,
    (n) =>
      `FROM debian:12\nRUN apt-get install -y ${Array.from({ length: n }, (_, i) => `python3-x${i}`).join(" ")}\n`,
    true,
  ],
  ["pipeline", 1_000, 4, (n) => `FROM debian:12\nRUN true${" | true".repeat(n)}\n`, false],
  [
    "locale-pipeline",
    1_000,
    4,
    (n) => `FROM debian:12\nRUN ${"true | ".repeat(n)}echo en_US.UTF-8 UTF-8 >> /etc/locale.gen\n`,
    false,
  ],
  [
    "apt-continued",
    25_000,
    8,
    (n) => `FROM debian:12\nRUN apt-get install -y \\\n${"curl \\\n".repeat(n)}\n`,
    false,
  ],
  [
    "apt-install-repeated",
    200,
    8,
    (n) => `FROM debian:12\nRUN apt-get install -y${" apt-get install".repeat(n)}\n`,
    false,
  ],
  [
    "env-path-venv",
    1_600,
    8,
    (n) =>
      `FROM debian:12\nRUN apt-get install -y python3-pip\nENV ${"PATH=venv".repeat(n)}\nRUN pip install flask\n`,
    false,
  ],
];

/** Cases timed another way: name, base size, factor, input for a size, what to time. */
const otherCases = [
  // n options on each of 200 lines: within the scan's 1000-character line limit up to n = 330.
  [
    "useradd-options risks",
    40,
    8,
    (n) => `FROM debian:12\n${`RUN useradd${" -a".repeat(n)} !\n`.repeat(200)}`,
    "risks",
  ],
  [
    "ignore-glob check",
    1_000,
    8,
    (n) => `FROM ${"a".repeat(n)}:1\nRUN apt-get install -y curl\n`,
    "ignore",
  ],
];
const ignoreConfig = { ...repo.defaultConfig(), images: { ignore: [`${"*a".repeat(25)}*b`] } };

const packageMap = createPackageMap({ release: "3.23" });
const dir = mkdtempSync(join(tmpdir(), "alpinize-long-words-"));
const config = repo.defaultConfig();
const transforms = repo.defaultTransforms();

const timeMigrate = (text) => {
  const t = performance.now();
  migrateDockerfile(text, { release: "3.23", packageMap });
  return performance.now() - t;
};
const timeCheck = async (text, file, settings = config) => {
  writeFileSync(file, text);
  const t = performance.now();
  await repo.checkTargets([{ path: file, kind: "dockerfile" }], {
    config: settings,
    transforms,
    cwd: dir,
  });
  return performance.now() - t;
};
const timeRisks = (text) => {
  const t = performance.now();
  repo.detectRisks([{ file: "Dockerfile", kind: "dockerfile", text }]);
  repo.detectRisks([{ file: "entry.sh", kind: "script", text }]);
  return performance.now() - t;
};
const timeOther = (how, text) =>
  how === "risks" ? timeRisks(text) : timeCheck(text, join(dir, "Dockerfile"), ignoreConfig);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (label, small, big, factor) =>
  console.log(
    `${label.padEnd(22)} ${small.toFixed(0).padStart(7)} ms -> ${big.toFixed(0).padStart(7)} ms` +
      `  ratio ${(big / small).toFixed(1).padStart(5)} (linear ${factor}, quadratic ${factor ** 2})`,
  );

console.log(`median of ${rounds} rounds, small and large size timed in turns`);
try {
  for (const [name, base, factor, make, check] of cases) {
    if (!name.startsWith(only)) continue;
    const small = make(base);
    const big = make(base * factor);
    timeMigrate(small); // warm-up: JIT and lazy package data
    const m = [[], []];
    const c = [[], []];
    for (let r = 0; r < rounds; r++) {
      m[0].push(timeMigrate(small));
      m[1].push(timeMigrate(big));
      if (check) {
        c[0].push(await timeCheck(small, join(dir, "Dockerfile")));
        c[1].push(await timeCheck(big, join(dir, "Dockerfile")));
      }
    }
    show(`${name} migrate`, median(m[0]), median(m[1]), factor);
    if (check) show(`${name} check`, median(c[0]), median(c[1]), factor);
  }
  for (const [name, base, factor, make, how] of otherCases) {
    if (!name.startsWith(only)) continue;
    const small = make(base);
    const big = make(base * factor);
    await timeOther(how, small);
    const m = [[], []];
    for (let r = 0; r < rounds; r++) {
      m[0].push(await timeOther(how, small));
      m[1].push(await timeOther(how, big));
    }
    show(name, median(m[0]), median(m[1]), factor);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
