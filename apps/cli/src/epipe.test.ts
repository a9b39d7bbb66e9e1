import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeOf } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "alpinize-epipe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a reader that stops early (| head)", () => {
  it("ends with 141 and no stack trace when stdout is closed under it", async () => {
    const file = join(dir, "Dockerfile");
    const runs = Array.from({ length: 3000 }, (_, i) => `RUN apt-get install -y curl${i}\n`);
    writeFileSync(file, `FROM debian:12\n${runs.join("")}`);
    const child = spawn(process.execPath, [BIN, "migrate", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    // Read one chunk, then close the pipe as `head -1` would.
    child.stdout.once("data", () => child.stdout.destroy());
    const { code } = await closeOf(child, "alpinize migrate under | head");
    expect(code).toBe(141);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  }, 60_000);
});

describe.skipIf(!existsSync("/dev/full"))("standard output that cannot be written", () => {
  it("says so and exits 2, without a stack trace", async () => {
    const file = join(dir, "Dockerfile.full");
    writeFileSync(file, "FROM debian:12\nRUN apt-get install -y curl\n");
    const out = openSync("/dev/full", "w");
    const child = spawn(process.execPath, [BIN, "migrate", file], {
      stdio: ["ignore", out, "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    const { code } = await closeOf(child, "alpinize migrate > /dev/full").finally(() =>
      closeSync(out),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write to standard output \(ENOSPC\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
