import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FifoGuard, fifoGuard } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

// A FIFO named sub/Dockerfile was left out silently (exit 0), while a link there made the run
// exit 2: a Dockerfile that was not read must not pass.
describe.skipIf(!hasMkfifo)("migrate DIR and check DIR on a FIFO named like a Dockerfile", () => {
  const tmp = useTempDir("alpinize-dir-special-");

  let guard: FifoGuard | undefined;
  afterEach(() => guard?.stop());

  function fifoRepo(): void {
    writeFileSync(join(tmp.dir, "Dockerfile"), "FROM debian:12\nRUN apt-get install -y curl\n");
    mkdirSync(join(tmp.dir, "sub"));
    execFileSync("mkfifo", [join(tmp.dir, "sub/Dockerfile")]);
    // An open of the FIFO, which these commands must not do, is freed instead of hanging.
    guard = fifoGuard(join(tmp.dir, "sub/Dockerfile"), 20_000);
  }

  it("migrate lists it as skipped, migrates the rest and exits 2", async () => {
    fifoRepo();
    const r = await runCli(["migrate", "--alpine", "3.23", "."], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error sub/Dockerfile: a FIFO (named pipe), not a regular file; skipped (alpinize does not open it) (not migrated)\n  Put the regular file there, or list the path in .gitignore.\n",
    );
    expect(r.stderr).toContain("1 FIFO(s), socket(s) or device(s) not opened and not migrated");
    expect(r.stdout).toContain("+FROM alpine:3.23");
    const json = await runCli(["migrate", "--json", "--alpine", "3.23", "."], { cwd: tmp.dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).skipped).toEqual([
      expect.objectContaining({ file: "sub/Dockerfile", code: "ALPINIZE_REPO_NOT_REGULAR" }),
    ]);
  });

  it("check reports it as not checked and exits 2", async () => {
    fifoRepo();
    const r = await runCli(["check", "--json", "."], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toContainEqual(
      expect.objectContaining({
        file: "sub/Dockerfile",
        rule: "unparsable",
        code: "ALPINIZE_REPO_NOT_REGULAR",
      }),
    );
  });
});
