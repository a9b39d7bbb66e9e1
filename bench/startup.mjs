#!/usr/bin/env node
// CLI start-up: `alpinize --version` and `alpinize --help` (the built apps/cli/dist/bin.js) against
// `node -e 0`, all with this Node, interleaved in one run so machine load hits each alike.
// Prints the median of each and the ratio to node's own start (target: under 1.5x), then what
// the entry loads before any command runs (its static import graph).
//
//   node bench/startup.mjs [--runs N] [--instructions] [--bin PATH]      (after `pnpm build`)
// --instructions also counts instructions with valgrind, which machine load does not skew.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { intFlag } from "./lib/dist.mjs";
import { median, timeInTurns } from "./lib/timing.mjs";

const root = resolve(import.meta.dirname, "..");
const binFlag = process.argv.indexOf("--bin");
// --bin measures another build, e.g. node_modules/alpinize/dist/bin.js installed from a tarball.
const bin =
  binFlag === -1
    ? join(root, "apps", "cli", "dist", "bin.js")
    : resolve(process.argv[binFlag + 1] ?? "");
const TARGET = 1.5;

const runs = intFlag("startup", "--runs", 51, 3);
if (!existsSync(bin)) {
  console.error(`startup: ${relative(root, bin)} is missing; run "pnpm build" first`);
  process.exit(2);
}

// An empty ES module shows the floor any ESM entry pays (the module loader) on top of -e 0.
const emptyModule = join(mkdtempSync(join(tmpdir(), "alpinize-startup-")), "empty.mjs");
writeFileSync(emptyModule, "");
// Also on the early exits below (a case that fails).
process.on("exit", () => rmSync(dirname(emptyModule), { recursive: true, force: true }));
const cases = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "node empty.mjs", args: [emptyModule], reference: true },
  { name: "alpinize --version", args: [bin, "--version"] },
  { name: "alpinize --help", args: [bin, "--help"] },
];

function runOnce(args) {
  const res = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  if (res.status !== 0) {
    console.error(`startup: node ${args.join(" ")} exited ${res.status}: ${res.stderr}`);
    process.exit(1);
  }
}

// Warm the file cache first; interleave the cases so drift affects all of them equally.
const timed = await timeInTurns(
  cases.map((c) => () => runOnce(c.args)),
  { rounds: runs },
);
const samples = new Map(cases.map((c, i) => [c.name, timed[i].samples]));

const instructions = process.argv.includes("--instructions") ? countInstructions() : undefined;
const baseline = median(samples.get("node -e 0"));
console.log(`startup: ${runs} runs each, node ${process.version}, median wall time`);
let worst = 0;
for (const c of cases) {
  const m = median(samples.get(c.name));
  const ratio = m / baseline;
  if (c.name !== "node -e 0" && !c.reference) worst = Math.max(worst, ratio);
  console.log(`  ${c.name.padEnd(20)} ${m.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x node`);
}
console.log(
  `startup: worst ratio ${worst.toFixed(2)}x node -e 0 (target < ${TARGET}x): ${worst < TARGET ? "ok" : "OVER TARGET"}`,
);

if (instructions) {
  const base = instructions.get("node -e 0");
  console.log("startup: instructions (valgrind callgrind; independent of machine load)");
  for (const [name, count] of instructions) {
    const ratio = (count / base).toFixed(2);
    console.log(`  ${name.padEnd(20)} ${(count / 1e6).toFixed(1).padStart(7)} M   ${ratio}x node`);
  }
  const worstCount = Math.max(
    ...cases.filter((c) => c.name.startsWith("alpinize")).map((c) => instructions.get(c.name)),
  );
  const ratio = worstCount / base;
  console.log(
    `startup: worst instruction ratio ${ratio.toFixed(2)}x node -e 0 (target < ${TARGET}x): ${ratio < TARGET ? "ok" : "OVER TARGET"}`,
  );
}

/** Instruction counts per case under callgrind (median of 3): slow, but load does not skew it. */
function countInstructions() {
  const counts = new Map();
  for (const c of cases) {
    const samples = [];
    for (let i = 0; i < 3; i++) {
      const count = callgrind(c);
      if (count === undefined) return undefined;
      samples.push(count);
    }
    counts.set(c.name, median(samples));
  }
  return counts;
}

function callgrind(c) {
  const res = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...c.args],
    { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] },
  );
  const match = /Collected : (\d+)/.exec(res.stderr ?? "");
  if (res.error || !match) {
    console.error("startup: --instructions needs valgrind (apt-get install valgrind)");
    return undefined;
  }
  if (res.status !== 0) {
    console.error(`startup: ${c.name} failed under valgrind: ${res.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return Number(match[1]);
}

// What the entry pulls in before a command is chosen: follow static imports only (commands are
// dynamic imports and load lazily).
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']/g;
const builtins = new Set(builtinModules);
const seen = new Map();
function follow(file) {
  if (seen.has(file)) return;
  const text = readFileSync(file, "utf8");
  seen.set(file, statSync(file).size);
  for (const [, spec] of text.matchAll(STATIC_IMPORT)) {
    if (spec.startsWith("node:") || builtins.has(spec)) continue;
    const target = resolveImport(spec, file);
    if (target) follow(target);
    else console.log(`  (cannot resolve ${spec} from ${relative(root, file)})`);
  }
}
/** Node's ESM resolution, just enough for relative files and packages' "." import export. */
function resolveImport(spec, from) {
  if (spec.startsWith(".")) return resolve(dirname(from), spec);
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  const sub = `.${spec.slice(name.length)}`;
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkgDir = join(dir, "node_modules", name);
    if (existsSync(join(pkgDir, "package.json"))) {
      const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
      const entry =
        pkg.exports?.[sub === "." ? "." : sub] ?? (sub === "." ? pkg.exports : undefined);
      const target =
        typeof entry === "string"
          ? entry
          : (entry?.import ?? entry?.default ?? pkg.main ?? "index.js");
      return realpathSync(join(pkgDir, typeof target === "string" ? target : target.default));
    }
    if (dirname(dir) === dir) return undefined;
  }
}

follow(bin);
const total = [...seen.values()].reduce((a, b) => a + b, 0);
console.log(
  `startup: the entry loads ${seen.size} files (${(total / 1024).toFixed(1)} KiB) eagerly:`,
);
for (const [file, size] of seen) {
  console.log(`  ${relative(dirname(bin), file).padEnd(60)} ${(size / 1024).toFixed(1)} KiB`);
}
