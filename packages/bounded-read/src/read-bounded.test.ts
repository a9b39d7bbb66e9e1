import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fifoGuard } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { readBounded, readBoundedSync } from "./read-bounded.js";

const dir = mkdtempSync(join(tmpdir(), "alpinize-read-bounded-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

describe("readBounded", () => {
  it("reads a small regular file whole", async () => {
    writeFileSync(join(dir, "small"), "abc");
    const got = await readBounded(join(dir, "small"), 3);
    expect(got.status === "ok" && [got.bytes.toString(), got.truncated]).toEqual(["abc", false]);
  });

  it("refuses a regular file over the limit, or gives its start with head", async () => {
    writeFileSync(join(dir, "big"), "abcdef");
    expect((await readBounded(join(dir, "big"), 5)).status).toBe("too-large");
    const head = await readBounded(join(dir, "big"), 4, { head: true });
    expect(head.status === "ok" && [head.bytes.toString(), head.truncated]).toEqual(["abcd", true]);
  });

  it("stops a file whose size says 0 (/proc) at the limit", async () => {
    expect((await readBounded("/proc/self/status", 10, { special: "read" })).status).toBe(
      "too-large",
    );
  });

  it("refuses a device behind a link unread, or reads it only to the limit", async () => {
    symlinkSync("/dev/zero", join(dir, "zero"));
    expect((await readBounded(join(dir, "zero"), 1024)).status).toBe("special");
    expect((await readBounded(join(dir, "zero"), 1024, { special: "read" })).status).toBe(
      "too-large",
    );
  });

  it.skipIf(!hasMkfifo)("refuses a FIFO without waiting for a writer", async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const guard = fifoGuard(fifo, 2000);
    try {
      expect((await readBounded(fifo, 1024)).status).toBe("special");
    } finally {
      guard.stop();
    }
  });
});

describe("readBoundedSync", () => {
  it("gives what readBounded gives", () => {
    writeFileSync(join(dir, "sync"), "abcdef");
    const got = readBoundedSync(join(dir, "sync"), 6);
    expect(got.status === "ok" && got.bytes.toString()).toBe("abcdef");
    expect(readBoundedSync(join(dir, "sync"), 5).status).toBe("too-large");
    expect(readBoundedSync("/proc/self/status", 10, { special: "read" }).status).toBe("too-large");
    expect(readBoundedSync("/dev/zero", 10).status).toBe("special");
  });

  it.skipIf(!hasMkfifo)("refuses a FIFO without waiting for a writer", () => {
    const fifo = join(dir, "sync-fifo");
    execFileSync("mkfifo", [fifo]);
    const guard = fifoGuard(fifo, 2000);
    try {
      expect(readBoundedSync(fifo, 1024).status).toBe("special");
    } finally {
      guard.stop();
    }
  });
});
