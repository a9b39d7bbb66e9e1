import { execFileSync, spawnSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { type FifoGuard, fifoGuard } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { discoverFiles } from "./walk.js";

// A FIFO named .gitignore (or .git/info/exclude) hung check and migrate forever. Skipping it
// instead would check files the user excluded: it is exit 2, like a FIFO named Dockerfile.

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

let repo: ScratchRepo | undefined;
let guard: FifoGuard | undefined;
afterEach(async () => {
  guard?.stop();
  guard = undefined;
  await repo?.remove();
  repo = undefined;
});

async function failure(root: string) {
  const err = await discoverFiles(root).then(
    () => undefined,
    (e: { code: string; message: string; exitCode: number }) => e,
  );
  return err && { code: err.code, message: err.message, exitCode: err.exitCode };
}

describe.skipIf(!hasMkfifo)("an ignore file that is no regular file", () => {
  for (const path of [".gitignore", "sub/.gitignore", ".git/info/exclude"]) {
    it(`${path} as a FIFO is exit 2, never opened`, async () => {
      repo = await scratchRepo({ Dockerfile: "FROM debian:12\n", "sub/x": "", ".git/info/x": "" });
      const fifo = join(repo.root, path);
      execFileSync("mkfifo", [fifo]);
      // Should it be opened after all, the open is freed (the read sees "") instead of hanging.
      guard = fifoGuard(fifo, 2000);
      expect(await failure(repo.root)).toEqual({
        code: "ALPINIZE_REPO_NOT_REGULAR",
        message: `${fifo}: a FIFO (named pipe), not a regular file; alpinize does not open it, and cannot tell which files it excludes`,
        exitCode: 2,
      });
    });
  }

  it(".gitignore linked to a device is refused unread", async () => {
    repo = await scratchRepo({ Dockerfile: "FROM debian:12\n" });
    symlinkSync("/dev/zero", join(repo.root, ".gitignore"));
    expect(await failure(repo.root)).toMatchObject({
      code: "ALPINIZE_REPO_NOT_REGULAR",
      message: expect.stringContaining("a character device, not a regular file"),
    });
  });

  it("a large .gitignore is still read from its start", async () => {
    repo = await scratchRepo({
      Dockerfile: "FROM debian:12\n",
      "a/Dockerfile": "FROM debian:12\n",
      ".gitignore": `a/\n${"#".repeat(2 * 1024 * 1024)}\n`,
    });
    expect((await discoverFiles(repo.root)).dockerfiles).toEqual(["Dockerfile"]);
  });
});
