import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readReportFile } from "../src/index.js";
import { FIXTURES } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "trivy-gate-read-"));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) if (w.pid !== undefined) killGroup(w.pid);
  rmSync(tmp, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/**
 * A FIFO the writer fills with `text` and then keeps open when `hold` is set. The writer waits
 * at most 30 s for the reader; if it never got to write (it failed, or nothing came), it then
 * opens and closes the FIFO for a few seconds, so a reader blocked in its open is freed instead
 * of waiting forever (a pending open in node's thread pool even keeps the process from exiting).
 */
function fifo(name: string, shell: string, hold: boolean): string {
  const path = join(tmp, name);
  expect(spawnSync("mkfifo", [path]).status).toBe(0);
  const body = `exec > '${path}'; ${shell}${hold ? "; exec sleep 60" : ""}`;
  const release = `i=0; while [ "$i" -lt 25 ] && [ -p "$1" ]; do : 3<>"$1"; sleep 0.2; i=$((i + 1)); done`;
  const script = `timeout -s KILL 30 sh -c "$2" || { ${release}; } 2>/dev/null`;
  // Its own process group, so afterAll ends the writer and whatever it started.
  writers.push(spawn("sh", ["-c", script, "sh", path, body], { stdio: "ignore", detached: true }));
  return path;
}

const tooLarge = (message: RegExp) =>
  expect.objectContaining({
    code: "ALPINIZE_GATE_REPORT_TOO_LARGE",
    message: expect.stringMatching(message),
  });

describe("readReportFile keeps what it reads under maxBytes", () => {
  it.skipIf(!isRoot)("stops a character device (a copy of /dev/zero) at the limit", async () => {
    const zero = join(tmp, "zero");
    expect(spawnSync("mknod", [zero, "c", "1", "5"]).status).toBe(0);
    await expect(readReportFile(zero, { maxBytes: 4096, source: "zero" })).rejects.toEqual(
      tooLarge(/^zero: is a character device: stopped after reading 4 KiB from it/),
    );
  });

  it.skipIf(!hasMkfifo)("stops a pipe fed more than the limit that never closes", async () => {
    const path = fifo("endless", "head -c 3000000 /dev/zero", true);
    await expect(readReportFile(path, { maxBytes: 2_500_000, source: "p" })).rejects.toEqual(
      tooLarge(/^p: is a pipe: stopped after reading 2\.4 MiB from it, the report limit$/),
    );
  });

  it.skipIf(!hasMkfifo)(
    "reads a report through a pipe (<(cat report.json)) as before",
    async () => {
      const path = fifo("report", `cat '${join(FIXTURES, "clean.json")}'`, false);
      const report = await readReportFile(path, { maxBytes: 1_000_000 });
      expect(report.artifactName).toBe("example/app:clean");
    },
  );

  it("reads a regular file of exactly the limit, refuses one byte more by its size", async () => {
    const file = join(tmp, "clean.json");
    copyFileSync(join(FIXTURES, "clean.json"), file);
    const size = statSync(file).size;
    expect((await readReportFile(file, { maxBytes: size })).artifactName).toBe("example/app:clean");
    await expect(readReportFile(file, { maxBytes: size - 1, source: "c" })).rejects.toEqual(
      tooLarge(/^c: the report is .*, over the .* limit$/),
    );
  });
});
