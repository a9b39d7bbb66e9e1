import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-input-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("alpinize check input errors", () => {
  it("exits 2 when nothing was checked (empty or ignored-only directory)", async () => {
    const empty = await runCli(["check", "."], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("nothing was checked");
    expect(empty.stdout).toBe("");
    await writeFile(join(dir, ".gitignore"), "Dockerfile\n");
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\n");
    const ignored = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toContain(".gitignore");
  });

  it("exits 2 naming an unknown rule id in check.skip", async () => {
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\n");
    await writeFile(
      join(dir, "alpinize.config.json"),
      JSON.stringify({ check: { skip: ["apk-nocache"] } }),
    );
    const result = await runCli(["check", "."], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/check\.skip.*unknown rule "apk-nocache".*apk-no-cache/);
  });

  it("exits 2 naming the config file and key for a release alpinize does not know", async () => {
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\n");
    await writeFile(join(dir, "alpinize.config.json"), '{"alpine": "3.2"}');
    for (const command of [
      ["check", "."],
      ["migrate", "."],
    ]) {
      const result = await runCli(command, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /alpinize\.config\.json: "alpine" must be an Alpine release .*got "3\.2"/,
      );
    }
  });

  it("lists a file it could not parse as an error entry in --json", async () => {
    await mkdir(join(dir, "old"));
    await writeFile(join(dir, "old/Dockerfile"), "FROM alpine:3.23\nthis is not an instruction\n");
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\n");
    const result = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toContainEqual({
      file: "old/Dockerfile",
      line: 2,
      rule: "unparsable",
      severity: "error",
      message: expect.stringContaining("old/Dockerfile"),
      code: "ALPINIZE_DOCKERFILE_SYNTAX",
      hint: expect.stringContaining("docker build"),
    });
  });
});

describe("alpinize check: what it cannot check", () => {
  it("says a compose file or workflow is not a Dockerfile, and what to run", async () => {
    await writeFile(join(dir, "compose.yaml"), "services:\n  a:\n    image: debian:12\n");
    const result = await runCli(["check", "compose.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("compose.yaml is a compose file, not a Dockerfile or script");
    expect(result.stderr).toContain("alpinize check on the directory");
  });

  it("exits 2 when images.ignore names every stage", async () => {
    await writeFile(join(dir, "Dockerfile"), "FROM debian:12\nRUN apt-get install -y curl\n");
    await writeFile(join(dir, "alpinize.config.json"), '{"images":{"ignore":["*"]}}');
    const result = await runCli(["check", "."], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("images.ignore names the image of every stage in Dockerfile");
    expect(result.stderr).not.toContain("clean");
  });

  it("exits 2 naming an entrypoint with a shell syntax error", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM alpine:3.23\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
    );
    await writeFile(join(dir, "e.sh"), '#!/bin/sh\necho "unclosed\n');
    const result = await runCli(["check", "."], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error e\.sh:2:6: shell syntax error: .*\(not checked\)/);
  });
});

describe("alpinize migrate DIR with a CRLF entrypoint", () => {
  it("names the script in the error", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM debian:12\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n',
    );
    await writeFile(join(dir, "entry.sh"), '#!/bin/sh\r\nuseradd -r app\r\nexec "$@"\r\n');
    const result = await runCli(["migrate", "--alpine", "3.23", "--check", "."], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error entry\.sh: .*CRLF/);
  });
});

describe("files that cannot be checked, in a folder", () => {
  it("are each named in the error line", async () => {
    const root = mkdtempSync(join(tmpdir(), "alpinize-unparsable-"));
    try {
      mkdirSync(join(root, "two"));
      writeFileSync(join(root, "two", "Dockerfile"), "");
      writeFileSync(join(root, "two", "b.Dockerfile"), "");
      const r = await runCli(["check", join(root, "two")]);
      expect(r.code).toBe(2);
      const lines = r.stderr.split("\n").filter((l) => l.includes("(not checked)"));
      expect(lines).toHaveLength(2);
      expect(lines.filter((l) => /two\/b\.Dockerfile/.test(l))).toHaveLength(1);
      expect(lines.filter((l) => /two\/Dockerfile/.test(l))).toHaveLength(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
