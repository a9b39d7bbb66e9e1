import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-migrate-large-"));
  await mkdir(join(dir, "repo"));
  // Just over the 4 MiB a Dockerfile may have.
  await writeFile(
    join(dir, "repo", "Dockerfile"),
    `FROM debian:bookworm\n${"# padding\n".repeat(420_000)}`,
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("alpinize migrate DIR with a Dockerfile over 4 MiB", () => {
  it("calls it a Dockerfile too large to read and says to split it, never 'not a Dockerfile'", async () => {
    const r = await runCli(["migrate", "repo"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "repo/Dockerfile: larger than 4 MiB: a Dockerfile too large for alpinize to read (left untouched)",
    );
    expect(r.stderr).toContain("Split it into Dockerfiles of at most 4 MiB each");
    expect(r.stderr).not.toContain("not a Dockerfile");
  });

  it("named on the command line, it is called a Dockerfile too large to read too", async () => {
    const r = await runCli(["migrate", "repo/Dockerfile"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "repo/Dockerfile: larger than 4 MiB: a Dockerfile too large for alpinize to read",
    );
    expect(r.stderr).toContain("Split it into Dockerfiles of at most 4 MiB each");
    expect(r.stderr).not.toContain("not a Dockerfile");
  });
});
