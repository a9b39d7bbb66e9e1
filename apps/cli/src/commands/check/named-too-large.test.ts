import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-large-"));
  await mkdir(join(dir, "repo"));
  // Just over the 4 MiB a Dockerfile may have.
  const big = `FROM debian:bookworm\n${"# padding\n".repeat(420_000)}`;
  await writeFile(join(dir, "repo", "Dockerfile"), big);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("alpinize check on a Dockerfile over 4 MiB", () => {
  it("named on the command line: the hint says to split it and check each part, not to .gitignore it", async () => {
    const r = await runCli(["check", "repo/Dockerfile"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("repo/Dockerfile: larger than 4 MiB");
    expect(r.stderr).toContain("then check each of them");
    expect(r.stderr).not.toContain(".gitignore");
  });

  it("found by walking a folder: called a Dockerfile too large to read, with a way to split or leave it out", async () => {
    const r = await runCli(["check", "repo"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "repo/Dockerfile: larger than 4 MiB: a Dockerfile too large for alpinize to read (not checked)",
    );
    expect(r.stderr).toContain("Split it into Dockerfiles of at most 4 MiB each");
    expect(r.stderr).toContain("name the Dockerfiles to work on rather than the folder");
    expect(r.stderr).not.toContain("not a Dockerfile");
  });

  it("a file named like no Dockerfile that a walk reads (a COPYed script) keeps the old words", async () => {
    await writeFile(
      join(dir, "repo", "Dockerfile"),
      'FROM alpine:3.24\nCOPY run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n',
    );
    await writeFile(join(dir, "repo", "run.sh"), `#!/bin/sh\n${"# padding\n".repeat(420_000)}`);
    const r = await runCli(["check", "repo"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("repo/run.sh: larger than 4 MiB (not checked)");
    expect(r.stderr).toContain("not a Dockerfile or script alpinize can work on");
  });
});
