#!/usr/bin/env node
// Benchmark: objects with very many keys. A report may put N extra keys in one object (the top
// level, a vulnerability, a skipped `Packages[]` entry); every key is checked for a repeat and
// looked up in a name cache, which once scanned all earlier keys (N = 300,000 took minutes). Each
// case is compared, in the same run, with a baseline of the same keys spread over objects of
// 50 keys, so the machine's speed cancels out. Linear parsing keeps the ratio a constant: up
// to about 3.5 at 300,000 keys, where one object's name set outgrows the CPU caches and every
// unknown key of an object the gate reads is also checked for its letter case. The quadratic
// version measured 9-12x at 20,000 keys (its baseline slowed by the same cache) and took 14 s
// for 80,000 top-level keys.
//
// Usage: node packages/trivy-gate/bench/many-keys.mjs [N...]   (after building the package)
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "../dist/index.js");
if (!existsSync(dist)) {
  console.error(`build first: ${dist} is missing (pnpm -s run build in packages/trivy-gate)`);
  process.exit(2);
}
const { parseTrivyReport } = await import(dist);

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(20_000, 80_000, 300_000);
/** A constant factor with room for a busy machine; quadratic work passes it by 20,000 keys. */
const TARGET = 6;

const keys = (n, from = 0) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${from + i}`, from + i]));
const spread = (n) => Array.from({ length: Math.ceil(n / 50) }, (_, i) => keys(50, i * 50));

const vuln = {
  VulnerabilityID: "CVE-2026-1",
  PkgName: "z",
  InstalledVersion: "1",
  Severity: "LOW",
};
function report(extra = {}, result = {}) {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactType: "container_image",
    Metadata: { OS: { Family: "alpine", Name: "3.22.0" } },
    Results: [{ Target: "t", Class: "os-pkgs", Type: "alpine", ...result }],
    ...extra,
  });
}

const cases = {
  "top level": (n) => report(keys(n)),
  vulnerability: (n) => report({}, { Vulnerabilities: [{ ...vuln, ...keys(n) }] }),
  "skipped Packages[0]": (n) => report({}, { Packages: [keys(n)] }),
};
const baseline = (n) => report({}, { Packages: spread(n) });

/** CPU milliseconds of one parse: CPU rather than wall time, as the machine may be shared. */
function cpu(buf) {
  const start = process.cpuUsage();
  parseTrivyReport(buf);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Best of five rounds, after one unmeasured (compilation). Each round parses every input in
 * turn, so a busy moment on the machine hits the baseline and the cases alike.
 */
function time(inputs) {
  const bufs = inputs.map((json) => Buffer.from(json));
  for (const buf of bufs) parseTrivyReport(buf);
  const best = bufs.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < 5; round++)
    bufs.forEach((buf, i) => {
      best[i] = Math.min(best[i], cpu(buf));
    });
  return best;
}

let missed = false;
for (const n of sizes) {
  const names = Object.keys(cases);
  const inputs = [baseline(n), ...names.map((name) => cases[name](n))];
  const [base, ...times] = time(inputs);
  const mib = (Buffer.byteLength(inputs[0]) / 1048576).toFixed(1);
  console.log(
    `${n} keys (${mib} MiB): baseline, the keys spread over objects of 50: ${base.toFixed(0)} ms CPU`,
  );
  names.forEach((name, i) => {
    const ratio = times[i] / base;
    missed ||= ratio > TARGET;
    console.log(
      `  ${name.padEnd(20)} ${times[i].toFixed(0).padStart(6)} ms CPU  ${ratio.toFixed(2)}x baseline (target < ${TARGET}): ${ratio > TARGET ? "MISSED" : "ok"}`,
    );
  });
}
if (missed) process.exitCode = 1;
