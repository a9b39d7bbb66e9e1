import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fifoWriter } from "@alpinize/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-kind-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SCRIPT = "#!/bin/sh\ngroupadd app\n";

describe("alpinize check on a name that does not say what the file is", () => {
  it("lints a #! file from a pipe (<(cat g1.sh)) as a script", async () => {
    const fifo = join(dir, "63");
    execFileSync("mkfifo", [fifo]);
    const writer = fifoWriter(fifo, SCRIPT);
    const result = await runCli(["check", fifo, "--json"], { cwd: dir });
    await writer.written;
    expect(result.stderr).not.toMatch(/unknown instruction/);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/shadow-tool: groupadd/);
  });

  it("lints a #! file named start as a script, and a file named build without #! as a Dockerfile", async () => {
    await writeFile(join(dir, "start"), SCRIPT);
    await writeFile(join(dir, "build"), "FROM alpine:3.24\nRUN useradd app\n");
    const result = await runCli(["check", "start", "build", "--json"], { cwd: dir });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as { file: string; rule: string }[];
    expect(findings.map((f) => `${f.file}:${f.rule}`).sort()).toEqual([
      "build:base-image-unpinned",
      "build:shadow-user-commands",
      "start:entrypoint-lint",
    ]);
  });
});
