#!/usr/bin/env node
// Time and peak memory of the CLI's unified diff (apps/cli/src/commands/migrate/diff.ts, used by
// `migrate` and `entrypoint`) against the size of the change. For 2k, 8k and 30k changed lines it
// diffs a groupadd script against its rewrite (every line changed, as `alpinize entrypoint` does)
// and the same with every other line kept (many small gaps), next to a baseline measured in the
// same run: split both texts and compare them line by line. Each case runs in its own process,
// so the peak RSS printed is that case's alone.
//
// Reads the TypeScript source directly (Node 24 strips the types). Exit 0, or 1 when the memory
// the diff adds over the baseline grows faster than linearly (per changed line, 30k costs more
// than 3 times what 8k does) or passes 1 GiB.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { now, since } from "./lib/timing.mjs";

const here = fileURLToPath(import.meta.url);
const source = join(dirname(here), "..", "apps", "cli", "src", "commands", "migrate", "diff.ts");

function texts(changed, shape) {
  const before = ["#!/bin/sh"];
  const after = ["#!/bin/sh"];
  const total = shape === "interleaved" ? changed * 2 : changed;
  for (let i = 0; i < total; i++) {
    before.push(`groupadd -g ${1000 + i} g${i}`);
    const keep = shape === "interleaved" && i % 2 === 1;
    after.push(keep ? `groupadd -g ${1000 + i} g${i}` : `alpinize_ensure_group g${i} ${1000 + i}`);
  }
  return [`${before.join("\n")}\n`, `${after.join("\n")}\n`];
}

async function child(kind, changed, shape) {
  const [a, b] = texts(changed, shape);
  // Loaded (and its types stripped) before the clock starts, in the baseline too.
  const { unifiedDiff } = await import(pathToFileURL(source).href);
  const t = now();
  let size;
  if (kind === "diff") {
    size = unifiedDiff(a, b, "entrypoint.sh").length;
  } else {
    const x = a.split("\n");
    const y = b.split("\n");
    size = 0;
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) size++;
  }
  const ms = since(t);
  console.log(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, size }));
}

function measure(kind, changed, shape) {
  const r = spawnSync(process.execPath, [here, "--case", kind, String(changed), shape], {
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.error(`diff bench: ${kind} ${changed} ${shape} failed: ${r.stderr || r.signal}`);
    process.exit(2);
  }
  return JSON.parse(r.stdout);
}

if (process.argv[2] === "--case") {
  await child(process.argv[3], Number(process.argv[4]), process.argv[5]);
} else {
  const fmt = (n) => n.toFixed(1).padStart(8);
  console.log("shape        changed   diff ms  base ms  diff MB  base MB  extra MB  time ratio");
  let failed = false;
  for (const shape of ["all", "interleaved"]) {
    const extra = {};
    for (const changed of [2000, 8000, 30000]) {
      const d = measure("diff", changed, shape);
      const base = measure("base", changed, shape);
      extra[changed] = Math.max(d.rssMB - base.rssMB, 1);
      console.log(
        `${shape.padEnd(12)} ${String(changed).padStart(7)} ${fmt(d.ms)} ${fmt(base.ms)} ${fmt(d.rssMB)} ${fmt(base.rssMB)} ${fmt(extra[changed]).padStart(9)} ${fmt(d.ms / Math.max(base.ms, 0.1)).padStart(11)}`,
      );
      if (d.rssMB > 1024) failed = true;
    }
    // Per changed line, 30k may not cost much more than 8k: that would be super-linear growth.
    if (extra[30000] / 30000 > (3 * Math.max(extra[8000], 8)) / 8000) failed = true;
  }
  if (failed) console.log("diff bench: memory grows faster than linearly, or passed 1 GiB");
  process.exitCode = failed ? 1 : 0;
}
