#!/usr/bin/env node
// Rewrite and lint speed of `@alpinize/entrypoint` against script length. Generates entrypoint
// scripts of 1k, 4k and 16k lines (blocks of groupadd/usermod/gosu/getent, an if around some
// groupadds, comments, $( ), a group name in grep and in sh -c, and plain commands), then times rewriteEntrypoint and lintEntrypoint
// next to scanShell alone (the baseline, linear by construction) in the same run. Linear code
// keeps the rewrite/scan ratio flat as the script grows; a quadratic step makes it climb.
//
// A second table times scanShell on scripts of 10k, 40k and 160k here-documents (each on its
// own command, all on one command line, all opened in one `$( )`), each against scanShell on
// the same script without here-documents in the same run: the heredoc/plain ratio stays flat
// when the here-document handling is linear.
//
// A third table times `alpinize check` on a folder whose Dockerfile copies and runs a script
// (checkTargets of @alpinize/repo: the lint, its own scan of the script's commands, and the
// rules on scripts an image runs) against scanShell on the same text, for scripts of 1k, 4k and
// 16k lines: the blocks above, one here-document, one long `&&` list and nested `if`s. The
// check/scan ratio stays flat when check is linear too.
//
// Runs from built dist (pnpm turbo run build --filter=@alpinize/repo...). Exit 0, or 1 when
// a ratio at the largest size is more than 3 times the one at the smallest.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPackages } from "./lib/dist.mjs";
import { perUnit, printTable } from "./lib/format.mjs";
import { growthOf, ratio, rowsOf, timeSizes } from "./lib/growth.mjs";
import { timeInTurns, warmUp } from "./lib/timing.mjs";

const { lintEntrypoint, rewriteEntrypoint, scanShell, ...repo } = await loadPackages("entrypoint", [
  "entrypoint",
  "repo",
]);

function block(i) {
  return [
    `# block ${i}`,
    `if [ -n "\${GID_${i}:-}" ]; then groupadd -g "$GID_${i}" grp${i} 2>/dev/null || true; fi`,
    `usermod -aG grp${i} app`,
    `groupadd -g ${1000 + i} g${i}`,
    `usermod -aG g${i} app`,
    `owner=$(getent group ${1000 + i} | cut -d: -f1)`,
    `grep -q g${i} /etc/group && sh -c 'chgrp g${i} /data/${i}'`,
    `echo "block ${i}: $owner" >&2`,
    `[ -d /data/${i} ] || mkdir -p /data/${i}`,
  ];
}

function script(lines) {
  const out = ["#!/bin/sh", "set -eu"];
  for (let i = 0; out.length < lines - 1; i++) out.push(...block(i));
  out.length = lines - 1;
  out.push('exec gosu app "$@"', "");
  return out.join("\n");
}

// Warm the JIT on a small script first, so the first measured size is not charged for it.
await warmUp(() => {
  for (const fn of [scanShell, rewriteEntrypoint, lintEntrypoint]) fn(script(1000));
});
// Best of several runs of each, in turns (at least 5, and 900 ms in all): the minimum is the
// least disturbed by garbage collection and by other work on the machine.
const rows = [];
for (const lines of [1000, 4000, 16000]) {
  const text = script(lines);
  const [scan, rewrite, lint] = await timeInTurns(
    [scanShell, rewriteEntrypoint, lintEntrypoint].map((fn) => () => fn(text)),
    { rounds: 5, budgetMs: 900, maxRounds: 50 },
  );
  rows.push({ lines, scan: scan.best, rewrite: rewrite.best, lint: lint.best });
}
const us = (ms, lines) => perUnit(ms, lines, "line");
printTable(
  [
    ["lines", 7, (r) => String(r.lines)],
    ["scan (baseline)", 19, (r) => us(r.scan, r.lines)],
    ["rewrite", 19, (r) => us(r.rewrite, r.lines)],
    ["lint", 19, (r) => us(r.lint, r.lines)],
    ["rewrite/scan", 13, (r) => (r.rewrite / r.scan).toFixed(1)],
    ["lint/scan", 0, (r) => (r.lint / r.scan).toFixed(1)],
  ],
  rows,
);
const growth = rows[2].rewrite / rows[2].scan / (rows[0].rewrite / rows[0].scan);
console.log(`rewrite/scan ratio at 16k lines vs 1k lines: ${growth.toFixed(2)}x (1.0 = linear)`);

/** The largest growth of a ratio among the cases: 1.0 = linear. */
const worstGrowth = (cases, rows) => Math.max(...cases.map((c) => growthOf(rowsOf(rows, c))));

// Many here-documents. Each shape makes n bodies of one line; its baseline is the same script
// with every `<<EOF` turned into `<f` and every body and delimiter line into a comment: the
// same commands, words, lines and inert ranges, without the here-document handling.
const HEREDOC_SHAPES = {
  "one per command": (n, r, b) => `cat ${r}\n${b}`.repeat(n),
  "all on one line": (n, r, b) => `cat${` ${r}`.repeat(n)}\n${b.repeat(n)}`,
  "all in one $( )": (n, r, b) => `x=$(cat${` ${r}`.repeat(n)})\n${b.repeat(n)}`,
};
const HEREDOC = ["<<EOF", "body $x\nEOF\n"];
const PLAIN = ["<f", "# body $x\n# EOF\n"];
const sizes = [10_000, 40_000, 160_000];
// Each shape against its plain script, best of each in turns (at least 7 times each, and 600 ms
// in all), so that a burst of other work on the machine weighs on both sides of a ratio alike.
const pairTiming = { rounds: 7, budgetMs: 600, maxRounds: 50 };
const heredocCases = Object.entries(HEREDOC_SHAPES).map(([shape, make]) => ({
  shape,
  sizes,
  text: (n) => make(n, ...HEREDOC),
  baseText: (n) => make(n, ...PLAIN),
  run: scanShell,
}));
const heredocRows = await timeSizes(heredocCases, { baseline: scanShell, timing: pairTiming });
console.log("");
printTable(
  [
    ["here-docs", 10, (r) => String(r.n)],
    ["shape", 18, (r) => r.case.shape],
    ["scan", 19, (r) => us(r.ms, r.lines)],
    ["plain scan (baseline)", 22, (r) => us(r.baseMs, r.lines)],
    ["heredoc/plain", 0, (r) => ratio(r).toFixed(2)],
  ],
  heredocRows,
);
const worst = worstGrowth(heredocCases, heredocRows);
console.log(
  `worst heredoc/plain ratio at 160k vs 10k here-documents: ${worst.toFixed(2)}x (1.0 = linear)`,
);

// `alpinize check DIR` on a Dockerfile running one script, against scanShell of the script.
// check reads the files again each time: a linear cost the ratio carries at every size alike.
const CHECK_SHAPES = {
  blocks: script,
  "here-document": (n) => `#!/bin/sh\ncat <<EOF\n${"a\n".repeat(n)}EOF\n`,
  "&& list": (n) => `#!/bin/sh\n${"true && ".repeat(n)}true\n`,
  "nested if": (n) => `#!/bin/sh\n${"if a; then\n".repeat(n / 2)}b\n${"fi\n".repeat(n / 2)}`,
};
const dir = mkdtempSync(join(tmpdir(), "alpinize-bench-entrypoint-"));
const file = join(dir, "entrypoint.sh");
writeFileSync(
  join(dir, "Dockerfile"),
  'FROM alpine:3.23\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
);
const config = repo.defaultConfig();
const transforms = repo.defaultTransforms();
const check = () =>
  repo.checkTargets([{ path: dir, kind: "directory" }], { config, transforms, cwd: dir });
// The script is written before each size, untimed; check and scan in turns as above.
const checkCases = Object.entries(CHECK_SHAPES).map(([shape, make]) => ({
  shape,
  sizes: [1000, 4000, 16000],
  text: make,
  setup: (text) => writeFileSync(file, text),
  run: check,
}));
let checkRows;
try {
  checkRows = await timeSizes(checkCases, { baseline: scanShell, timing: pairTiming });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log("");
printTable(
  [
    ["lines", 7, (r) => String(r.n)],
    ["shape", 15, (r) => r.case.shape],
    ["check", 19, (r) => us(r.ms, r.n)],
    ["scan (baseline)", 19, (r) => us(r.baseMs, r.n)],
    ["check/scan", 0, (r) => ratio(r).toFixed(1)],
  ],
  checkRows,
);
const worstCheck = worstGrowth(checkCases, checkRows);
console.log(
  `worst check/scan ratio at 16k lines vs 1k lines: ${worstCheck.toFixed(2)}x (1.0 = linear)`,
);
process.exit(growth > 3 || worst > 3 || worstCheck > 3 ? 1 : 0);
