import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(here, "../../../dist/bin.js");
const FIX = resolve(here, "../../../../../packages/trivy-gate/test/fixtures");
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-bounded-"));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) w.kill();
  rmSync(tmp, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

/**
 * Runs the built CLI under a 2.5 GB address-space limit: a reader that is not bounded dies of
 * it (or of the timeout) instead of taking the machine's memory, and the test fails.
 */
function gate(args: string[]) {
  const r = spawnSync(
    "sh",
    ["-c", 'ulimit -v 2500000; exec "$0" "$@"', process.execPath, BIN, "gate", ...args],
    { cwd: tmp, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A FIFO fed `bytes` zero bytes by a writer that then keeps it open, as a stuck producer does. */
function fedFifo(name: string, bytes: number): string {
  const path = join(tmp, name);
  expect(spawnSync("mkfifo", [path]).status).toBe(0);
  // `exec sleep`: the writer's shell becomes the sleep, so killing it leaves nothing behind.
  const w = spawn("sh", ["-c", `exec > '${path}'; head -c ${bytes} /dev/zero; exec sleep 60`], {
    stdio: "ignore",
  });
  writers.push(w);
  return path;
}

/** A character device like /dev/zero (1,5) or /dev/urandom (1,9), made in the scratch dir. */
function device(name: string, minor: number): string {
  const path = join(tmp, name);
  expect(spawnSync("mknod", [path, "c", "1", String(minor)]).status).toBe(0);
  return path;
}

describe.skipIf(!existsSync(BIN))("alpinize gate reads every input bounded", () => {
  it.skipIf(!isRoot)(
    "a copy of /dev/zero as the report: exit 2 at the limit, one JSON document",
    () => {
      const zero = device("myzero", 5);
      const r = gate(["--format", "json", zero]);
      expect(r.code).toBe(2);
      const doc = JSON.parse(r.stdout) as { passed: boolean; error: { code: string } };
      expect([doc.passed, doc.error.code]).toEqual([false, "ALPINIZE_GATE_REPORT_TOO_LARGE"]);
      expect(r.stderr).toContain(
        "is a character device: stopped after reading 512 MiB from it, the report limit",
      );
      expect(r.stderr).toMatch(/\n {2}Pass the JSON file Trivy wrote .*--max-size/);
    },
  );

  it.skipIf(!isRoot)("a random-data device as --baseline, with --max-size 1M", () => {
    const random = device("myrandom", 9);
    const r = gate([join(FIX, "clean.json"), "--baseline", random, "--max-size", "1M"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "myrandom: is a character device: stopped after reading 1 MiB from it, the report limit",
    );
  });

  it.skipIf(!isRoot)("a copy of /dev/zero as --exceptions or --vex: exit 2 at 8 MiB", () => {
    const zero = device("zero-policy", 5);
    for (const flag of ["--exceptions", "--vex"]) {
      const r = gate([join(FIX, "clean.json"), flag, zero]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(
        /zero-policy: the (exceptions file|VEX document) is over 8 MiB/,
      );
    }
  });

  it.skipIf(!hasMkfifo)("a FIFO fed more than --max-size and left open: exit 2, no wait", () => {
    const fifo = fedFifo("report-pipe", 2 * 1024 * 1024);
    const r = gate([fifo, "--max-size", "1M"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "report-pipe: is a pipe: stopped after reading 1 MiB from it, the report limit",
    );
  });

  it.skipIf(!hasMkfifo)("a FIFO fed more than 8 MiB as --vex and left open: exit 2", () => {
    const fifo = fedFifo("vex-pipe", 9 * 1024 * 1024);
    const r = gate([join(FIX, "clean.json"), "--vex", fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("vex-pipe: the VEX document is over 8 MiB");
  });
});
