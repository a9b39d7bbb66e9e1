import { execFileSync, spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FifoGuard, fifoGuard } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

// A FIFO named .gitignore hung `check .` and `migrate DIR` forever; --config /dev/zero was read
// whole (without end) before its 256 KiB check.
describe("settings and ignore files are read bounded", () => {
  const tmp = useTempDir("alpinize-settings-bounded-");
  let guard: FifoGuard | undefined;
  afterEach(() => guard?.stop());

  it.skipIf(!hasMkfifo)("check and migrate stop with exit 2 on a FIFO .gitignore", async () => {
    writeFileSync(join(tmp.dir, "Dockerfile"), "FROM debian:12\n");
    execFileSync("mkfifo", [join(tmp.dir, ".gitignore")]);
    // Should it be opened after all, the open is freed (the read sees "") instead of hanging.
    guard = fifoGuard(join(tmp.dir, ".gitignore"), 3000);
    for (const argv of [
      ["check", "."],
      ["migrate", "--alpine", "3.23", "."],
    ]) {
      const r = await runCli(argv, { cwd: tmp.dir });
      expect([r.code, r.stderr]).toEqual([
        2,
        expect.stringContaining(".gitignore: a FIFO (named pipe), not a regular file"),
      ]);
    }
  });

  it("--config naming /dev/zero is refused after 256 KiB", async () => {
    writeFileSync(join(tmp.dir, "Dockerfile"), "FROM debian:12\n");
    symlinkSync("/dev/zero", join(tmp.dir, "zero.json"));
    const r = await runCli(["check", "--config", "zero.json", "."], { cwd: tmp.dir });
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining("zero.json: larger than 256 KiB"),
    ]);
  });
});
