import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

const REPORT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../packages/trivy-gate/test/fixtures/clean.json",
);

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-link-loop-"));
  // loop1 -> loop2 -> loop1: lstat sees a link, opening it fails with ELOOP.
  await symlink("loop2", join(dir, "loop1"));
  await symlink("loop1", join(dir, "loop2"));
  await writeFile(join(dir, "Dockerfile"), "FROM debian:12\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Every command that reads a file the user names, given a link loop for it (made absolute in the
 * test: migrate FILE and entrypoint read paths from the process's cwd).
 */
const COMMANDS: [string, string[]][] = [
  ["migrate FILE", ["migrate", "loop1"]],
  ["migrate --write FILE", ["migrate", "--write", "loop1"]],
  ["check FILE", ["check", "loop1"]],
  ["check --config", ["check", "--config", "loop1", "Dockerfile"]],
  ["migrate DIR --config", ["migrate", "--config", "loop1", "."]],
  ["entrypoint FILE", ["entrypoint", "loop1"]],
  ["gate REPORT", ["gate", "loop1"]],
  ["gate --baseline", ["gate", REPORT, "--baseline", "loop1"]],
  ["gate --exceptions", ["gate", REPORT, "--exceptions", "loop1"]],
  ["pin FILE", ["pin", "loop1"]],
  ["pin --kind dockerfile FILE", ["pin", "--kind", "dockerfile", "loop1"]],
];

describe("a symbolic link loop given as input", () => {
  it.each(COMMANDS)("%s says it is a link loop, not that the file is missing", async (_, argv) => {
    const r = await runCli(
      argv.map((a) => (a === "loop1" ? join(dir, "loop1") : a)),
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loop1: .*symbolic link loop|loop1 .*symbolic link loop/);
    expect(r.stderr).not.toMatch(/no such file|does not exist|cannot tell whether/);
  });
});
