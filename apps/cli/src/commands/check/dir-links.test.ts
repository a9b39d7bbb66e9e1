import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-dir-links-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("alpinize check DIR whose Dockerfile is a symbolic link", () => {
  it("reports the link as not checked, not 'no Dockerfile found'", async () => {
    await writeFile(join(dir, "real"), "FROM alpine:3.24\n");
    await symlink("real", join(dir, "Dockerfile"));
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/no Dockerfile/);
    expect(r.stderr).toMatch(/Dockerfile: symbolic link; skipped .*\(not checked\)/);
  });
});
