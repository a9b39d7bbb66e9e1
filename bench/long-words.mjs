#!/usr/bin/env node
// Growth of `migrateDockerfile` and `alpinize check` (checkTargets) on one very large RUN:
// a single long quoted word, a long apt-get install list, a long pipeline, and an apt-get
// install continued over many lines. Then inputs that once made a regular expression backtrack
// without end: useradd with many options (the risk scan of `migrate DIR`, lines of it as the scan
// reads lines up to 1000 characters), an images.ignore glob of many stars against a long image
// name (check), repeated `apt-get install` (the gosu test) and one long word of `PATH=venv`
// (the PEP 668 test), and many echo calls in `$( )` on one RUN. Each case is timed at a small
// size and at N times it in the same run, in turns, and the ratio of the median times is
// printed next to N: a ratio near
// N is linear growth, near N^2 quadratic. Runs from built dist (pnpm build first).
// Options: --rounds N (default 3), --only NAME (a case name prefix).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { intFlag, loadPackages } from "./lib/dist.mjs";
import { printScaling } from "./lib/growth.mjs";
import { timeInTurns } from "./lib/timing.mjs";

const { migrateDockerfile, createPackageMap, ...repo } = await loadPackages("long-words", [
  "dockerfile",
  "package-map",
  "repo",
]);

const rounds = intFlag("long-words", "--rounds", 3);
const at = process.argv.indexOf("--only");
const only = at === -1 ? "" : process.argv[at + 1];

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
  // Each substitution's echo edit was compared with every edit made before it (n²: 150,000 took
  // minutes); a ratio near 2 is linear.
  [
    "echo-substitutions",
    10_000,
    2,
    (n) => `FROM debian:12\nRUN true${' && X=$(echo "a\\tb")'.repeat(n)}\n`,
    true,
  ],
  [
    "echo-substitution-word",
    10_000,
    2,
    (n) => `FROM debian:12\nRUN X="${"$(echo 'a\\tb')".repeat(n)}"\n`,
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

const migrate = (text) => () => migrateDockerfile(text, { release: "3.23", packageMap });
/** A check of a Dockerfile of its own for each size, written before the clock starts. */
const check = (name, text, settings = config) => {
  mkdirSync(join(dir, name), { recursive: true });
  const path = join(dir, name, "Dockerfile");
  writeFileSync(path, text);
  return () =>
    repo.checkTargets([{ path, kind: "dockerfile" }], { config: settings, transforms, cwd: dir });
};
const risks = (text) => () => {
  repo.detectRisks([{ file: "Dockerfile", kind: "dockerfile", text }]);
  repo.detectRisks([{ file: "entry.sh", kind: "script", text }]);
};
const other = (how, name, text) =>
  how === "risks" ? risks(text) : check(name, text, ignoreConfig);
const show = (label, [small, big], factor) =>
  printScaling(label, small.median, big.median, { factor, width: 22, digits: 0 });

console.log(`median of ${rounds} rounds, small and large size timed in turns`);
try {
  for (const [name, base, factor, make, withCheck] of cases) {
    if (!name.startsWith(only)) continue;
    const small = make(base);
    const big = make(base * factor);
    const fns = [migrate(small), migrate(big)];
    if (withCheck) fns.push(check("small", small), check("big", big));
    const times = await timeInTurns(fns, { rounds });
    show(`${name} migrate`, times.slice(0, 2), factor);
    if (withCheck) show(`${name} check`, times.slice(2), factor);
  }
  for (const [name, base, factor, make, how] of otherCases) {
    if (!name.startsWith(only)) continue;
    const fns = [other(how, "small", make(base)), other(how, "big", make(base * factor))];
    show(name, await timeInTurns(fns, { rounds }), factor);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
