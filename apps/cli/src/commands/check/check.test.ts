import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const DIGEST = `sha256:${"b".repeat(64)}`;
let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("alpinize check", () => {
  it("exits 0 on a clean Alpine Dockerfile, printing warnings for unpinned bases on stderr", async () => {
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\nRUN apk add --no-cache curl\n");
    const result = await runCli(["check", "."], { cwd: dir });
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "warning Dockerfile:1: base-image-unpinned: alpine:3.23 is not pinned by digest",
    );
    expect(result.stderr).toMatch(
      /^alpinize check: 1 file\(s\) checked: 0 error\(s\), 1 warning\(s\)\n$/m,
    );
    expect(result.code).toBe(0);
    // "clean" is kept for a run with nothing to say.
    await writeFile(join(dir, "Dockerfile"), `FROM alpine:3.23@${DIGEST}\n`);
    expect((await runCli(["check", "."], { cwd: dir })).stderr).toBe(
      "alpinize check: 1 file(s) clean\n",
    );
  });

  it("exits 1 with one line per finding, and --require-digests makes pins mandatory", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      `FROM alpine:3.23@${DIGEST}\nRUN apt-get install -y curl\n`,
    );
    const result = await runCli(["check", "Dockerfile"], { cwd: dir });
    expect(result.stdout).toBe(
      "Dockerfile:2: apt-in-alpine: apt-get in Alpine stage 0: use apk add --no-cache (alpinize migrate rewrites it, or flags it where it cannot)\n",
    );
    expect(result.stderr).toMatch(
      /^alpinize check: 1 file\(s\) checked: 1 error\(s\), 0 warning\(s\)$/m,
    );
    expect(result.code).toBe(1);
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\n");
    const strict = await runCli(["check", ".", "--require-digests"], { cwd: dir });
    expect(strict.stdout).toMatch(/^Dockerfile:1: base-image-unpinned: /);
    expect(strict.code).toBe(1);
  });

  it("prints a JSON array with --json and honours check.skip from alpinize.config.json", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      "FROM alpine:3.23\nRUN apk add curl\nRUN useradd app\n",
    );
    await writeFile(
      join(dir, "alpinize.config.json"),
      JSON.stringify({ check: { skip: ["apk-no-cache"] } }),
    );
    const result = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: "Dockerfile",
        line: 1,
        rule: "base-image-unpinned",
        severity: "warning",
        message: expect.any(String),
      },
      {
        file: "Dockerfile",
        line: 3,
        rule: "shadow-user-commands",
        severity: "error",
        message: expect.stringContaining("useradd"),
      },
    ]);
    expect(result.code).toBe(1);
  });

  it("lints an entrypoint script given by name, and the scripts an Alpine Dockerfile runs", async () => {
    await writeFile(join(dir, "entry.sh"), '#!/bin/sh\ngroupadd -g 999 docker\nexec "$@"\n');
    const direct = await runCli(["check", "entry.sh"], { cwd: dir });
    expect(direct.stdout).toMatch(/^entry\.sh:2: entrypoint-lint: shadow-tool: groupadd /);
    expect(direct.code).toBe(1);
    await writeFile(
      join(dir, "Dockerfile"),
      `FROM alpine:3.23@${DIGEST}\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`,
    );
    const viaDockerfile = await runCli(["check", "."], { cwd: dir });
    expect(viaDockerfile.stdout).toMatch(/^entry\.sh:2: entrypoint-lint: shadow-tool: /);
    expect(viaDockerfile.code).toBe(1);
  });

  it("exits 2 on a file it cannot parse, a bad config, or a missing path", async () => {
    await writeFile(join(dir, "Dockerfile"), "# escape=x\nFROM alpine:3.23\n");
    const broken = await runCli(["check", "."], { cwd: dir });
    expect(broken.stderr).toMatch(/Dockerfile:1: .*escape.*\(not checked\)/);
    expect(broken.code).toBe(2);
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.23\n");
    await writeFile(join(dir, "alpinize.config.json"), '{"check": {"requireDigests": "yes"}}');
    const config = await runCli(["check", "."], { cwd: dir });
    expect(config.stderr).toContain(
      'alpinize.config.json: "check.requireDigests" must be true or false',
    );
    expect(config.code).toBe(2);
    expect((await runCli(["check", "nope"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["check", "--bogus"], { cwd: dir })).code).toBe(2);
  });
});
