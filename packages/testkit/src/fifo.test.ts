import { spawn, spawnSync } from "node:child_process";
import { lstatSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bounded, closeOf, finished } from "./bounded.js";
import { fifoGuard, fifoReader, fifoWriter } from "./fifo.js";

let dir = "";
let fifo = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-testkit-fifo-"));
  fifo = join(dir, "pipe");
  expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("fifoReader", () => {
  it("gets what a writer wrote, and the writer's open does not wait", async () => {
    const reader = fifoReader(fifo);
    // A sync write from this process: it would block forever here if no reader were open.
    writeFileSync(fifo, "x".repeat(200_000));
    expect(await reader.text()).toBe("x".repeat(200_000));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("gives '' when no writer ever came, instead of waiting", async () => {
    expect(await fifoReader(fifo).text()).toBe("");
  });
});

describe("fifoWriter", () => {
  it("hands its data to a reader", async () => {
    const writer = fifoWriter(fifo, "hello\n");
    const cat = spawnSync("cat", [fifo], { encoding: "utf8", ...bounded(10_000) });
    expect(finished(cat, "cat").stdout).toBe("hello\n");
    await writer.written;
  });

  it("gives up when no reader came, and frees a reader that comes late", async () => {
    const writer = fifoWriter(fifo, "late\n", 500);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const cat = spawnSync("cat", [fifo], { encoding: "utf8", ...bounded(10_000) });
    expect([finished(cat, "a late cat").status, cat.stdout]).toEqual([0, ""]);
    await expect(writer.written).rejects.toThrow(/nothing read the FIFO .*pipe within 500 ms/);
  });
});

describe("fifoGuard", () => {
  it("frees an open that blocks, so the opener ends", () => {
    const guard = fifoGuard(fifo, 500);
    try {
      const cat = finished(
        spawnSync("cat", [fifo], { encoding: "utf8", ...bounded(10_000) }),
        "cat",
      );
      expect([cat.status, cat.stdout]).toEqual([0, ""]);
    } finally {
      guard.stop();
    }
  });
});

describe("closeOf and finished", () => {
  it("kill a child past its limit and say so", async () => {
    const child = spawn("sleep", ["30"]);
    await expect(closeOf(child, "sleep 30", 200)).rejects.toThrow(
      "sleep 30 did not finish within 200 ms and was killed: it hangs",
    );
    expect(() => finished(spawnSync("sleep", ["30"], bounded(200)), "sleep 30")).toThrow(
      "sleep 30 was still running at its time limit and was killed: it hangs",
    );
    expect(finished(spawnSync("true", bounded(200)), "true").status).toBe(0);
  });
});
