#!/usr/bin/env node
// Rewrite and lint speed of `@alpinize/entrypoint` against script length. Generates entrypoint
// scripts of 1k, 4k and 16k lines (blocks of groupadd/usermod/gosu/getent, an if around some
// groupadds, comments, $( ) and plain commands), then times rewriteEntrypoint and lintEntrypoint
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
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages", "entrypoint", "dist", "index.js");
const repoDist = join(root, "packages", "repo", "dist", "index.js");
if (!existsSync(dist) || !existsSync(repoDist)) {
  console.error(
    "entrypoint bench: build first: packages/entrypoint/dist or packages/repo/dist is missing",
  );
  process.exit(2);
}
const { lintEntrypoint, rewriteEntrypoint, scanShell } = await import(pathToFileURL(dist).href);
const repo = await import(pathToFileURL(repoDist).href);

function block(i) {
  return [
    `# block ${i}`,
    `if [ -n "\${GID_${i}:-}" ]; then groupadd -g "$GID_${i}" grp${i} 2>/dev/null || true; fi`,
    `usermod -aG grp${i} app`,
    `groupadd -g ${1000 + i} g${i}`,
    `usermod -aG g${i} app`,
    `owner=$(getent group ${1000 + i} | cut -d: -f1)`,
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

// Best of several runs (at least 5, and at least 300 ms in all): the minimum is the least
// disturbed by garbage collection and by other work on the machine.
function time(fn, text) {
  fn(text); // warm up
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let r = 0; r < 5 || (spent < 300 && r < 50); r++) {
    const t = process.hrtime.bigint();
    fn(text);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

// Best of each of two texts, run in turn (at least 7 times each, and 600 ms in all), so that a
// burst of other work on the machine weighs on both sides of a ratio alike.
function timePair(fn, a, b) {
  fn(a);
  fn(b);
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  let spent = 0;
  for (let r = 0; r < 7 || (spent < 600 && r < 50); r++) {
    for (const [k, text] of [a, b].entries()) {
      const t = process.hrtime.bigint();
      fn(text);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      best[k] = Math.min(best[k], ms);
      spent += ms;
    }
  }
  return best;
}

// Warm the JIT on a small script first, so the first measured size is not charged for it.
for (let i = 0; i < 3; i++)
  for (const fn of [scanShell, rewriteEntrypoint, lintEntrypoint]) fn(script(1000));
const rows = [];
for (const lines of [1000, 4000, 16000]) {
  const text = script(lines);
  const scan = time(scanShell, text);
  const rewrite = time(rewriteEntrypoint, text);
  const lint = time(lintEntrypoint, text);
  rows.push({ lines, scan, rewrite, lint });
}
const us = (ms, lines) => `${((ms * 1000) / lines).toFixed(2)} µs/line`;
console.log(
  "lines   scan (baseline)     rewrite             lint                rewrite/scan  lint/scan",
);
for (const r of rows) {
  console.log(
    [
      String(r.lines).padEnd(7),
      us(r.scan, r.lines).padEnd(19),
      us(r.rewrite, r.lines).padEnd(19),
      us(r.lint, r.lines).padEnd(19),
      (r.rewrite / r.scan).toFixed(1).padEnd(13),
      (r.lint / r.scan).toFixed(1),
    ].join(" "),
  );
}
const growth = rows[2].rewrite / rows[2].scan / (rows[0].rewrite / rows[0].scan);
console.log(`rewrite/scan ratio at 16k lines vs 1k lines: ${growth.toFixed(2)}x (1.0 = linear)`);

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
console.log("");
console.log(
  "here-docs  shape              scan                plain scan (baseline)  heredoc/plain",
);
let worst = 0;
for (const [shape, make] of Object.entries(HEREDOC_SHAPES)) {
  const ratios = [];
  for (const n of sizes) {
    const text = make(n, ...HEREDOC);
    const lines = text.split("\n").length - 1;
    const [heredocs, base] = timePair(scanShell, text, make(n, ...PLAIN));
    ratios.push(heredocs / base);
    console.log(
      [
        String(n).padEnd(10),
        shape.padEnd(18),
        us(heredocs, lines).padEnd(19),
        us(base, lines).padEnd(22),
        (heredocs / base).toFixed(2),
      ].join(" "),
    );
  }
  worst = Math.max(worst, ratios[ratios.length - 1] / ratios[0]);
}
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
// checkTargets is async: the pair is timed by hand, each run awaited, in turns as timePair does.
async function timeCheckPair(text) {
  const check = () =>
    repo.checkTargets([{ path: dir, kind: "directory" }], { config, transforms, cwd: dir });
  writeFileSync(file, text);
  await check();
  scanShell(text);
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  let spent = 0;
  for (let r = 0; r < 7 || (spent < 600 && r < 50); r++) {
    let t = process.hrtime.bigint();
    await check();
    const checkMs = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    scanShell(text);
    const scanMs = Number(process.hrtime.bigint() - t) / 1e6;
    best[0] = Math.min(best[0], checkMs);
    best[1] = Math.min(best[1], scanMs);
    spent += checkMs + scanMs;
  }
  return best;
}
console.log("");
console.log("lines   shape           check               scan (baseline)     check/scan");
let worstCheck = 0;
try {
  for (const [shape, make] of Object.entries(CHECK_SHAPES)) {
    const ratios = [];
    for (const lines of [1000, 4000, 16000]) {
      const [check, scan] = await timeCheckPair(make(lines));
      ratios.push(check / scan);
      console.log(
        [
          String(lines).padEnd(7),
          shape.padEnd(15),
          us(check, lines).padEnd(19),
          us(scan, lines).padEnd(19),
          (check / scan).toFixed(1),
        ].join(" "),
      );
    }
    worstCheck = Math.max(worstCheck, ratios[ratios.length - 1] / ratios[0]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `worst check/scan ratio at 16k lines vs 1k lines: ${worstCheck.toFixed(2)}x (1.0 = linear)`,
);
process.exit(growth > 3 || worst > 3 || worstCheck > 3 ? 1 : 0);
