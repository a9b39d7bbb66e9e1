import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fifoWriter } from "@alpinize/testkit";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type BoundedRead, readBounded, readBoundedSync } from "./read-bounded.js";

const dir = mkdtempSync(join(tmpdir(), "alpinize-bounded-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;
const MiB = 1024 * 1024;

const text = (got: BoundedRead) =>
  got.status === "ok" ? [got.bytes.toString(), got.truncated] : got.status;
const readCount = (got: BoundedRead) => (got.status === "too-large" ? got.read : got.status);

function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
}

describe("the limit", () => {
  it("reads an empty file and one of exactly the limit", async () => {
    writeFileSync(join(dir, "empty"), "");
    writeFileSync(join(dir, "four"), "abcd");
    expect(text(await readBounded(join(dir, "empty"), 0))).toEqual(["", false]);
    expect(text(readBoundedSync(join(dir, "four"), 4))).toEqual(["abcd", false]);
  });

  it("refuses a huge sparse file by its size, reading none of it", async () => {
    const huge = join(dir, "huge");
    writeFileSync(huge, "x");
    truncateSync(huge, 3 * 1024 ** 3);
    expect(readCount(await readBounded(huge, MiB))).toBe(0);
    expect(readCount(readBoundedSync(huge, MiB))).toBe(0);
  });

  it("stops an endless device at limit + 1 bytes, over several pieces", async () => {
    const limit = 3 * MiB + 5;
    expect(readCount(await readBounded("/dev/zero", limit, { special: "read" }))).toBe(limit + 1);
    expect(readCount(readBoundedSync("/dev/zero", limit, { special: "read" }))).toBe(limit + 1);
    const head = readBoundedSync("/dev/zero", limit, { special: "read", head: true });
    expect(head.status === "ok" && [head.bytes.length, head.truncated]).toEqual([limit, true]);
  });

  it("does not join the pieces of what it refuses (that would double the memory)", async () => {
    const concat = vi.spyOn(Buffer, "concat");
    try {
      expect(readCount(readBoundedSync("/dev/zero", 3 * MiB, { special: "read" }))).toBe(
        3 * MiB + 1,
      );
      expect(readCount(await readBounded("/dev/zero", 3 * MiB, { special: "read" }))).toBe(
        3 * MiB + 1,
      );
      expect(concat).not.toHaveBeenCalled();
    } finally {
      concat.mockRestore();
    }
  });

  it("does not follow a link with noFollow", async () => {
    writeFileSync(join(dir, "target"), "t");
    symlinkSync(join(dir, "target"), join(dir, "link"));
    await expect(readBounded(join(dir, "link"), 10, { noFollow: true })).rejects.toMatchObject({
      code: "ELOOP",
    });
    expect(() => readBoundedSync(join(dir, "link"), 10, { noFollow: true })).toThrow(/ELOOP/);
    expect(text(readBoundedSync(join(dir, "link"), 10))).toEqual(["t", false]);
  });

  it("gives a directory as such, in either mode", async () => {
    expect((await readBounded(dir, 10)).status).toBe("directory");
    expect(readBoundedSync(dir, 10, { special: "read" }).status).toBe("directory");
  });
});

describe.skipIf(!hasMkfifo)("a FIFO the caller chose to read", () => {
  it("is read whole when it ends under the limit", async () => {
    const path = fifo("short");
    fifoWriter(path, "hello", 10_000);
    expect(text(await readBounded(path, 10, { special: "read" }))).toEqual(["hello", false]);
  });

  it("is stopped at limit + 1 bytes when fed more", async () => {
    const path = fifo("long");
    fifoWriter(path, Buffer.alloc(2 * MiB, 0x61), 10_000);
    expect(readCount(await readBounded(path, MiB, { special: "read" }))).toBe(MiB + 1);
    const again = fifo("long-sync");
    fifoWriter(again, Buffer.alloc(2 * MiB, 0x61), 10_000);
    const head = readBoundedSync(again, 3, { special: "read", head: true });
    expect(text(head)).toEqual(["aaa", true]);
  });
});
