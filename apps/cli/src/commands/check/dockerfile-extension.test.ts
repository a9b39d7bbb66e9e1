import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-dockerfile-ext-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DEBIAN = "FROM debian:bookworm\nRUN apt-get install -y curl\n";

describe("a Dockerfile named Dockerfile.sh, Dockerfile.txt…", () => {
  it.each(["Dockerfile.sh", "Dockerfile.bash", "Dockerfile.txt", "Dockerfile.bak"])(
    "check FILE and check DIR lint %s as the Dockerfile it holds",
    async (name) => {
      await mkdir(join(dir, "repo"));
      await writeFile(join(dir, "repo", name), DEBIAN);
      await writeFile(join(dir, "repo", "Dockerfile"), "FROM alpine:3.24\n");
      for (const target of [`repo/${name}`, "repo"]) {
        const result = await runCli(["check", target, "--json"], { cwd: dir });
        expect(result.code, `${target}: ${result.stderr}`).toBe(1);
        const rules = (JSON.parse(result.stdout) as { file: string; rule: string }[])
          .filter((f) => f.file === `repo/${name}`)
          .map((f) => f.rule);
        expect(rules, target).toContain("debian-base");
      }
    },
  );

  it("migrate --check DIR finds it beside a Dockerfile already on Alpine", async () => {
    await writeFile(join(dir, "Dockerfile.sh"), DEBIAN);
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.24\n");
    const result = await runCli(["migrate", "--check", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/Dockerfile\.sh/);
  });

  it("check FILE still lints a Dockerfile.sh that starts #! as a script, and check DIR leaves it", async () => {
    await writeFile(join(dir, "Dockerfile.sh"), "#!/bin/sh\ngroupadd app\n");
    await writeFile(join(dir, "Dockerfile"), "FROM alpine:3.24\n");
    const named = await runCli(["check", "Dockerfile.sh", "--json"], { cwd: dir });
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/shadow-tool: groupadd/);
    const walked = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(walked.stdout).not.toMatch(/Dockerfile\.sh/);
  });
});
