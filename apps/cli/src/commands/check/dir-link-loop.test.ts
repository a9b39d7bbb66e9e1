import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-link-loop-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("alpinize check DIR with Dockerfile links that lead nowhere", () => {
  it("names a loop a loop and a dangling link dangling, as migrate DIR does", async () => {
    await symlink("Dockerfile.b", join(dir, "Dockerfile"));
    await symlink("Dockerfile", join(dir, "Dockerfile.b"));
    await symlink("gone", join(dir, "Dockerfile.dev"));
    await writeFile(join(dir, "a.Dockerfile"), "FROM alpine:3.24\n");
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error Dockerfile: symbolic link loop (too many levels of symbolic links) (to Dockerfile.b); skipped (alpinize does not follow links) (not checked)",
    );
    expect(r.stderr).toContain("Fix the link (ls -l shows where each link points)");
    expect(r.stderr).toContain(
      "Dockerfile.dev: dangling symbolic link (to gone, which does not exist); skipped",
    );
    // The summary counts what was checked and what was found, not only what was not checked.
    expect(r.stderr).toMatch(
      /alpinize check: 1 file\(s\) checked, 1 with findings \(0 error\(s\), 1 warning\(s\)\); 3 could not be checked/,
    );
  });
});
