import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fifoGuard } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// A tester's `migrate --write FIFO` read the FIFO (its writer's data spent), then failed to
// write with the hint "Make the file and its directory writable", which cannot help.

const tmp = useTempDir("alpinize-write-fifo-");
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;
const HINT =
  "--write rewrites a regular file in place, and this is a pipe, FIFO, device or /dev/fd path: drop --write to print the changes on standard output instead.";

describe.skipIf(!hasMkfifo)("--write on a FIFO is refused before it is opened", () => {
  // Both commands word it the same way (the shared in-place writer's words).
  it.each([
    ["migrate", (f: string) => `${f}: cannot write (not a regular file); left unchanged`],
    ["entrypoint", (f: string) => `${f}: cannot write (not a regular file); left unchanged`],
  ])("%s --write FIFO: exit 2, the hint says to drop --write", async (command, message) => {
    const fifo = join(tmp.dir, "fifo.Dockerfile");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    // Should the command open the FIFO after all, its open is freed after 3 s, and it fails.
    const guard = fifoGuard(fifo, 3_000);
    try {
      const started = Date.now();
      const r = await runCli([command, "--write", fifo], { cwd: tmp.dir });
      const elapsed = Date.now() - started;
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error ${message(fifo)}\n  ${HINT}\n`);
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      guard.stop();
    }
  });

  it("migrate --write of a FIFO and a Dockerfile still writes the Dockerfile", async () => {
    const fifo = join(tmp.dir, "fifo.Dockerfile");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    writeFileSync(join(tmp.dir, "Dockerfile"), "FROM debian:bookworm\n");
    const guard = fifoGuard(fifo, 3_000);
    try {
      const file = join(tmp.dir, "Dockerfile");
      const r = await runCli(["migrate", "--write", fifo, file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error ${fifo}: cannot write (not a regular file)`);
      expect(r.stderr).toContain(`${file}: rewritten for Alpine`);
      expect(readFileSync(file, "utf8")).toContain("FROM alpine:");
    } finally {
      guard.stop();
    }
  });
});
