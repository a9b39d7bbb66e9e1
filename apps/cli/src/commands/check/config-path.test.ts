import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "../migrate/repo-test-support.js";

// A tester found `check --config nonexist.json` name /abs/path/nonexist.json, while every other
// message names a path as it was given.

const DEBIAN = "FROM debian:bookworm\n";
removeGitReposAfterEach();

describe("check --config names the settings file as given", () => {
  it.each([
    ["nonexist.json", "config file nonexist.json does not exist"],
    ["./sub/../nonexist.json", "config file ./sub/../nonexist.json does not exist"],
    ["sub", "cannot read sub: is a directory"],
  ])("--config %s", async (given, message) => {
    const root = await gitRepo({ Dockerfile: DEBIAN });
    await mkdir(join(root, "sub"));
    const r = await runCli(["check", "--config", given, "."], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${message}`);
    expect(r.stderr).not.toContain(root);
    const json = await runCli(["check", "--json", "--config", given, "."], { cwd: root });
    const [entry] = JSON.parse(json.stdout);
    expect(entry.message).toBe(message);
    expect(json.stdout).not.toContain(root);
  });

  it("keeps an absolute path absolute", async () => {
    const root = await gitRepo({ Dockerfile: DEBIAN });
    const absolute = join(root, "nonexist.json");
    const r = await runCli(["check", "--config", absolute, "."], { cwd: root });
    expect(r.stderr).toContain(`error config file ${absolute} does not exist`);
  });
});
