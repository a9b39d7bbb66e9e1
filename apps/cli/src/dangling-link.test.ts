import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

// A tester's `ln -s /nonexistent dangling.Dockerfile` was called "no such file" (migrate,
// entrypoint, pin) or "does not exist" (check), though `ls` lists it: the link is there, what it
// names is not, and the message now says so and names the target.

const REPORT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../packages/trivy-gate/test/fixtures/clean.json",
);
const TARGET = "/nonexistent/alpinize-dangling-target";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-dangling-"));
  await symlink(TARGET, join(dir, "dangling"));
  // A chain: the message names where it ends, not the link in between.
  await symlink("dangling", join(dir, "chain"));
  await writeFile(join(dir, "Dockerfile"), "FROM debian:12\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every command that reads a file the user names (absolute: some read from the process's cwd). */
const COMMANDS: [string, string[]][] = [
  ["migrate FILE", ["migrate", "LINK"]],
  ["check FILE", ["check", "LINK"]],
  ["check --config", ["check", "--config", "LINK", "Dockerfile"]],
  ["migrate DIR --config", ["migrate", "--config", "LINK", "."]],
  ["entrypoint FILE", ["entrypoint", "LINK"]],
  ["gate REPORT", ["gate", "LINK"]],
  ["gate --exceptions", ["gate", REPORT, "--exceptions", "LINK"]],
  ["gate --vex", ["gate", REPORT, "--vex", "LINK"]],
  ["pin FILE", ["pin", "--kind", "dockerfile", "LINK"]],
];

describe.each(["dangling", "chain"])("a %s symbolic link given as input", (link) => {
  it.each(COMMANDS)("%s says the link's target is missing and names it", async (_, argv) => {
    const r = await runCli(
      argv.map((a) => (a === "LINK" ? join(dir, link) : a)),
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dangling symbolic link (to ${TARGET}, which does not exist)`);
    expect(r.stderr).toContain("Create the file the link points to");
    expect(r.stderr).not.toMatch(/no such file|does not exist\n/);
  });
});

it("a path that is not there at all is still called missing", async () => {
  const r = await runCli(["migrate", join(dir, "absent")], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("absent: no such file");
});
