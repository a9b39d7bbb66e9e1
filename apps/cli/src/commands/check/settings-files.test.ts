import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "../migrate/repo-test-support.js";

// A tester's runs: a 300 KB package.json without "alpinize" stopped check and migrate (exit 2),
// as did a trailing comma in it; a 10 KB alpinize.config.json nested 5000 deep was exit 70.

const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
const nested = (depth: number) => `${"[".repeat(depth)}"x"${"]".repeat(depth)}`;
removeGitReposAfterEach();

describe("package.json only matters with an alpinize key", () => {
  it.each([
    ["a 300 KB one", `{"name": "x", "description": "${"x".repeat(300 * 1024)}"}`, ""],
    ["one with a trailing comma", '{"name": "x",}\n', "not valid JSON"],
  ])("%s is passed over by check and migrate DIR", async (_what, text, warning) => {
    const root = await gitRepo({ Dockerfile: DEBIAN, "package.json": text });
    const check = await runCli(["check", "."], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("debian-base");
    const migrate = await runCli(["migrate", ".", "--write"], { cwd: root });
    expect(migrate.code).toBe(0);
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toContain("FROM alpine:");
    for (const r of [check, migrate]) {
      if (warning === "") expect(r.stderr).not.toContain("package.json");
      else
        expect(r.stderr).toMatch(
          /warning package\.json: not valid JSON \(.*\); it shows no "alpinize" key, so the defaults are used/,
        );
    }
  });
});

describe("settings nested too deep", () => {
  it.each([
    ["alpinize.config.json", `{"check": {"skip": ${nested(5000)}}}`],
    ["alpinize.config.json", `{"packages": {"overrides": {"curl": ${nested(5000)}}}}`],
    ["package.json", `{"name": "x", "alpinize": ${nested(5000)}}`],
  ])("%s %#: exit 2 ALPINIZE_CONFIG_INVALID, not a crash", async (file, text) => {
    const root = await gitRepo({ Dockerfile: DEBIAN });
    await writeFile(join(root, file), text);
    for (const args of [
      ["check", "."],
      ["migrate", "."],
      ["check", ".", "--json"],
    ]) {
      const r = await runCli(args, { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain("internal error");
      expect(`${r.stdout}${r.stderr}`).toContain("nested more than 32 levels deep");
    }
  });
});
