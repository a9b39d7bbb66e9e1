#!/usr/bin/env node
// Benchmark for `alpinize gate`: builds a large Trivy report by repeating the real entries of
// ../shared/corpus/trivy up to 100,000 findings, gates it with the CLI in a child process, and
// computes the same blocking count with jq in the same run.
// Targets: faster than jq; peak memory under 3x the report size, and under 3.25x with
// --format json (the whole JSON output, string and UTF-8 copy, is held to be written atomically).
//
// Usage: node bench/gate.mjs [FINDINGS]   (needs `pnpm build` and the Debian package jq)
import { spawn, spawnSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mib } from "./lib/format.mjs";
import { now, since } from "./lib/timing.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(root, "../shared/corpus/trivy");
const bin = join(root, "apps/cli/dist/bin.js");
const total = Number(process.argv[2] ?? 100_000);

if (!existsSync(corpus)) {
  console.log(`skipped: the Trivy corpus is absent (${corpus})`);
  process.exit(0);
}
if (!existsSync(bin)) {
  console.error(`build first: ${bin} is missing (run pnpm build)`);
  process.exit(2);
}
if (spawnSync("jq", ["--version"]).status !== 0) {
  console.error("jq is not installed (Debian package jq): apt-get install -y jq");
  process.exit(2);
}

/** Every real vulnerability entry in the corpus (schema 2 and legacy). */
function realEntries() {
  const out = [];
  for (const name of readdirSync(corpus).filter(
    (f) => /\.json(\.golden)?$/.test(f) && !f.includes("sarif"),
  )) {
    const doc = JSON.parse(readFileSync(join(corpus, name), "utf8"));
    for (const r of Array.isArray(doc) ? doc : (doc.Results ?? []))
      out.push(...(r.Vulnerabilities ?? []));
  }
  return out;
}

/** Writes the report entry by entry; each copy gets its own installed version so none merge. */
async function writeReport(path, entries) {
  const out = createWriteStream(path);
  const write = (s) =>
    out.write(s) ? Promise.resolve() : new Promise((r) => out.once("drain", r));
  await write(
    '{"SchemaVersion":2,"ArtifactName":"bench/large:1","ArtifactType":"container_image",' +
      '"Metadata":{"OS":{"Family":"debian","Name":"12.11"}},"Results":[',
  );
  const perResult = 1000;
  for (let i = 0; i < total; i++) {
    if (i % perResult === 0) {
      if (i > 0) await write("]},");
      await write(
        `{"Target":"bench/large:1 (layer ${i / perResult})","Class":"os-pkgs","Type":"debian","Vulnerabilities":[`,
      );
    } else await write(",");
    const v = { ...entries[i % entries.length] };
    v.InstalledVersion = `${v.InstalledVersion ?? "0"}+b${i}`;
    if (v.PkgIdentifier?.PURL)
      v.PkgIdentifier = {
        ...v.PkgIdentifier,
        PURL: v.PkgIdentifier.PURL.replace(/@[^?#]*/, `@${v.InstalledVersion}`),
      };
    await write(JSON.stringify(v, null, 2));
  }
  await write("]}]}\n");
  await new Promise((r) => out.end(r));
}

/** Runs a command; returns wall time, stdout, and peak RSS in KiB as the measure reports it. */
function measure(cmd, args, peakFrom) {
  return new Promise((done, fail) => {
    const start = now();
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", fail);
    child.on("close", (code) => {
      const ms = since(start);
      const peak = peakFrom(stderr);
      done({ code, ms, stdout, stderr, peak, peakKiB: peak.kib });
    });
  });
}

// Our CLI reports its own peak RSS at exit through a preloaded hook (exact, same process).
const HOOK =
  "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();" +
  "process.stderr.write('BENCH_MAXRSS_KIB '+u.maxRSS+' CPU_S '+(u.userCPUTime+u.systemCPUTime)/1e6+'\\n')})";
const peakFromHook = (err) => {
  const m = /BENCH_MAXRSS_KIB (\d+) CPU_S ([\d.]+)/.exec(err);
  return m ? { kib: Number(m[1]), cpu: Number(m[2]) } : { kib: Number.NaN, cpu: Number.NaN };
};
const JQ_FILTER =
  '[.Results[]?.Vulnerabilities[]? | select((.Severity=="HIGH" or .Severity=="CRITICAL") and .Status!="not_affected")] | length';

const dir = mkdtempSync(join(tmpdir(), "alpinize-bench-gate-"));
try {
  const report = join(dir, "large.json");
  const entries = realEntries();
  await writeReport(report, entries);
  const bytes = statSync(report).size;
  console.log(
    `report: ${total} findings built from ${entries.length} real entries, ${mib(bytes)} MiB`,
  );

  // Headline: the gate as CI runs it (verdict and text report). Then the full JSON report.
  const ours = await measure(
    process.execPath,
    ["--import", HOOK, bin, "gate", report],
    peakFromHook,
  );
  if (ours.code !== 0 && ours.code !== 1)
    throw new Error(`alpinize gate failed (${ours.code}): ${ours.stderr}`);
  const blocking = Number(/^ {2}blocking: (\d+)/m.exec(ours.stdout)?.[1]);
  const out = join(dir, "out.json");
  const asJson = await measure(
    process.execPath,
    ["--import", HOOK, bin, "gate", report, "--format", "json", "--output", out],
    peakFromHook,
  );
  if (asJson.code !== 0 && asJson.code !== 1)
    throw new Error(`alpinize gate --format json failed (${asJson.code}): ${asJson.stderr}`);
  const jsonBlocking = JSON.parse(readFileSync(out, "utf8")).blocking.length;

  const gnuTime = existsSync("/usr/bin/time");
  const jq = gnuTime
    ? await measure(
        "/usr/bin/time",
        ["-f", "BENCH_MAXRSS_KIB %M CPU_S %U %S", "jq", JQ_FILTER, report],
        peakFromHook,
      )
    : await measure("jq", [JQ_FILTER, report], () => ({ kib: Number.NaN, cpu: Number.NaN }));
  if (gnuTime) {
    const m = /CPU_S ([\d.]+) ([\d.]+)/.exec(jq.stderr);
    jq.peak.cpu = m ? Number(m[1]) + Number(m[2]) : Number.NaN;
  }
  const jqCount = Number(jq.stdout.trim());

  const row = (name, r) =>
    `${name.padEnd(16)} ${(r.ms / 1000).toFixed(2).padStart(7)} s wall ${r.peak.cpu.toFixed(2).padStart(7)} s CPU ${mib(r.peakKiB * 1024).padStart(8)} MiB peak (${((r.peakKiB * 1024) / bytes).toFixed(2)}x file)`;
  console.log(row("alpinize gate", ours));
  console.log(row("  --format json", asJson));
  console.log(
    gnuTime
      ? row("jq", jq)
      : `jq               ${(jq.ms / 1000).toFixed(2)} s wall (CPU and memory not measured: /usr/bin/time is missing)`,
  );
  const same = blocking === jqCount && jsonBlocking === jqCount;
  console.log(
    `blocking findings: alpinize ${blocking} (json ${jsonBlocking}), jq ${jqCount}${same ? " (same)" : " (DIFFERENT)"}`,
  );
  // CPU time is the fair comparison on a shared machine; wall time is printed for reference.
  const ratio = (r) =>
    `${(jq.ms / r.ms).toFixed(2)}x jq wall, ${(jq.peak.cpu / r.peak.cpu).toFixed(2)}x jq CPU`;
  const fast = (r) => (gnuTime ? jq.peak.cpu / r.peak.cpu : jq.ms / r.ms) > 1;
  const mem = (r) => (r.peakKiB * 1024) / bytes;
  console.log(`speed: ${ratio(ours)} (target > 1): ${fast(ours) ? "ok" : "MISSED"}`);
  console.log(
    `memory: ${mem(ours).toFixed(2)}x the file (target < 3): ${mem(ours) < 3 ? "ok" : "MISSED"}`,
  );
  const JSON_MEMORY = 3.25;
  console.log(
    `with --format json: ${ratio(asJson)}; ${mem(asJson).toFixed(2)}x the file (target < ${JSON_MEMORY}): ${mem(asJson) < JSON_MEMORY ? "ok" : "MISSED"}`,
  );
  if (!same) process.exitCode = 1;
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
