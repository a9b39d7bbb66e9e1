import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fifoReader } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { OutputIsDirectoryError, outputKind, writeOutput } from "../write-output.js";
import { leftovers, useWriteDir } from "./test-support.js";

const tmp = useWriteDir();

describe("writeOutput on files", () => {
  it("replaces a regular file, keeping its mode, through a temp file that does not stay", () => {
    const f = join(tmp.dir, "out.txt");
    writeFileSync(f, "old\n");
    chmodSync(f, 0o640);
    expect(writeOutput("out.txt", "new\n", { cwd: tmp.dir })).toBe("replaced");
    expect(readFileSync(f, "utf8")).toBe("new\n");
    expect(statSync(f).mode & 0o7777).toBe(0o640);
    expect(leftovers(tmp.dir)).toEqual([]);
  });

  it("follows a symlink: the link stays a link and its target gets the text", () => {
    mkdirSync(join(tmp.dir, "real"));
    writeFileSync(join(tmp.dir, "real", "t.txt"), "old\n");
    symlinkSync("real/t.txt", join(tmp.dir, "link.txt"));
    expect(writeOutput(join(tmp.dir, "link.txt"), "new\n")).toBe("replaced");
    expect(lstatSync(join(tmp.dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tmp.dir, "real", "t.txt"), "utf8")).toBe("new\n");
    // A dangling link creates the file it names, and stays a link.
    symlinkSync("real/later.txt", join(tmp.dir, "dangling"));
    expect(writeOutput(join(tmp.dir, "dangling"), "x")).toBe("created");
    expect(lstatSync(join(tmp.dir, "dangling")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tmp.dir, "real", "later.txt"), "utf8")).toBe("x");
  });

  it("creates a new file, and refuses a directory or a missing directory", () => {
    expect(writeOutput(join(tmp.dir, "new.txt"), "a")).toBe("created");
    expect(readFileSync(join(tmp.dir, "new.txt"), "utf8")).toBe("a");
    expect(() => writeOutput(tmp.dir, "a")).toThrow(OutputIsDirectoryError);
    expect(() => writeOutput(join(tmp.dir, "no", "x"), "a")).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
  });

  it("writes into /dev/null and leaves it a character device", () => {
    expect(outputKind("/dev/null")).toBe("special");
    expect(writeOutput("/dev/null", "discarded")).toBe("stream");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)(
    "writes into a FIFO that a reader holds, and leaves it a FIFO",
    async () => {
      const fifo = join(tmp.dir, "fifo");
      expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
      const reader = fifoReader(fifo);
      expect(writeOutput(fifo, "through the fifo\n")).toBe("stream");
      expect(await reader.text()).toBe("through the fifo\n");
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    },
  );

  it("never classes stdout paths as files to replace", () => {
    // Proven here, in-process and without writing, before any child is given these paths.
    for (const p of [
      "-",
      "/dev/stdout",
      "/dev/fd/1",
      "/proc/self/fd/1",
      `/proc/${process.pid}/fd/1`,
    ])
      expect(outputKind(p)).toBe("own-fd");
    expect(outputKind("/dev/stderr")).toBe("own-fd");
    symlinkSync("/proc/self/fd/1", join(tmp.dir, "mystdout"));
    expect(outputKind(join(tmp.dir, "mystdout"))).toBe("own-fd");
    symlinkSync("/proc/self/fd", join(tmp.dir, "fds"));
    expect(outputKind(join(tmp.dir, "fds", "1"))).toBe("own-fd");
    expect(outputKind("/dev/fd/7")).toBe("fd-path");
  });
});
