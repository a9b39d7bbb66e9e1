import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";
import { shownPath } from "./shown-path.js";

const BASH = 'FROM debian:12\nRUN bash -c "echo hi"\n';
removeGitReposAfterEach();

describe("migrate DIR names files from the current directory, as check does", () => {
  it("in warnings, diff headers, errors and --json path", async () => {
    const root = await gitRepo({
      "pg/sub/Dockerfile": BASH,
      "pg/b.Dockerfile": "FROM debian:12\n\u0000",
    });
    const r = await runCli(["migrate", "pg", "--alpine", "3.23"], { cwd: root });
    expect(r.stderr).toMatch(/^warning pg\/sub\/Dockerfile:2:1 \[shell\]/m);
    expect(r.stderr).toMatch(/^error pg\/b\.Dockerfile: binary file/m);
    expect(r.stdout).toContain("--- a/pg/sub/Dockerfile\n+++ b/pg/sub/Dockerfile\n");
    const check = await runCli(["check", "pg"], { cwd: root });
    expect(check.stdout + check.stderr).toContain("pg/sub/Dockerfile:");
    const json = await runCli(["migrate", "pg", "--json", "--alpine", "3.23"], { cwd: root });
    const doc = JSON.parse(json.stdout);
    expect(doc.files[0]).toMatchObject({ file: "sub/Dockerfile", path: "pg/sub/Dockerfile" });
    expect(doc.unparsable[0]).toMatchObject({ file: "b.Dockerfile", path: "pg/b.Dockerfile" });
  });

  it("by their full path from outside the folder", async () => {
    const root = await gitRepo({ "sub/Dockerfile": BASH });
    const elsewhere = await mkdtemp(join(tmpdir(), "alpinize-cwd-"));
    try {
      const r = await runCli(["migrate", root, "--alpine", "3.23"], { cwd: elsewhere });
      expect(r.stderr).toContain(`warning ${root}/sub/Dockerfile:2:1 [shell]`);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("shownPath", () => {
  it("is relative inside the current directory, absolute outside it", () => {
    expect(shownPath("/r/pg", "sub/Dockerfile", "/r")).toBe("pg/sub/Dockerfile");
    expect(shownPath("/r/pg", "sub/Dockerfile", "/r/pg")).toBe("sub/Dockerfile");
    expect(shownPath("/r/pg", "Dockerfile", "/r/other")).toBe("/r/pg/Dockerfile");
    expect(shownPath("/r/pg", "..x/Dockerfile", "/r/pg")).toBe("..x/Dockerfile");
    expect(shownPath("/r/pg", "locked/", "/r")).toBe("pg/locked/");
  });
});
