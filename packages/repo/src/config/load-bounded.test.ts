import { execFileSync, spawnSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { type FifoGuard, fifoGuard } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { loadConfig } from "./load.js";

// alpinize.config.json was read whole before its 256 KiB check (a 300 MB file took 377 MB), and
// a FIFO there hung check and migrate. /dev/zero stands for any source that never ends: read
// whole it would run out of memory; read bounded it is refused after 256 KiB + 1 bytes.

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

let repo: ScratchRepo | undefined;
let guard: FifoGuard | undefined;
afterEach(async () => {
  guard?.stop();
  guard = undefined;
  await repo?.remove();
  repo = undefined;
});

async function failure(root: string, file?: string) {
  const err = await loadConfig(root, file === undefined ? {} : { file, cwd: root }).then(
    () => undefined,
    (e: { code: string; message: string; exitCode: number }) => e,
  );
  return err && { code: err.code, message: err.message, exitCode: err.exitCode };
}

describe("settings files are read bounded", () => {
  it("--config naming an endless device is refused after the limit, not read whole", async () => {
    repo = await scratchRepo({});
    symlinkSync("/dev/zero", join(repo.root, "zero.json"));
    expect(await failure(repo.root, join(repo.root, "zero.json"))).toEqual({
      code: "ALPINIZE_CONFIG_INVALID",
      message: "zero.json: larger than 256 KiB",
      exitCode: 2,
    });
  });

  it("alpinize.config.json linked to a device is refused unread", async () => {
    repo = await scratchRepo({});
    symlinkSync("/dev/zero", join(repo.root, "alpinize.config.json"));
    expect(await failure(repo.root)).toMatchObject({
      code: "ALPINIZE_CONFIG_UNREADABLE",
      message: expect.stringMatching(/a character device, not a regular file; not opened$/),
      exitCode: 2,
    });
  });

  it.skipIf(!hasMkfifo)("alpinize.config.json as a FIFO is exit 2, not a hang", async () => {
    repo = await scratchRepo({});
    const fifo = join(repo.root, "alpinize.config.json");
    execFileSync("mkfifo", [fifo]);
    // Should it be opened after all, the open is freed (the read sees "") instead of hanging.
    guard = fifoGuard(fifo, 2000);
    expect(await failure(repo.root)).toMatchObject({
      code: "ALPINIZE_CONFIG_UNREADABLE",
      message: expect.stringMatching(/a FIFO \(named pipe\), not a regular file; not opened$/),
      exitCode: 2,
    });
  });
});
