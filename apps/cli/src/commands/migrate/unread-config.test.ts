import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-migrate-config-"));
  await writeFile(join(dir, "Dockerfile"), "FROM debian:bookworm\nRUN apt-get install -y curl\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const UNREAD = /alpinize\.config\.json here is not read by alpinize migrate FILE/g;

describe("migrate FILE beside an alpinize.config.json it does not read", () => {
  it("says so once on stderr, and keeps --json's stdout the document", async () => {
    await writeFile(join(dir, "alpinize.config.json"), '{ "alpine": "3.22" }\n');
    const text = await runCli(["migrate", "Dockerfile"], { cwd: dir });
    expect(text.stderr.match(UNREAD)).toHaveLength(1);
    const json = await runCli(["migrate", "Dockerfile", "--json"], { cwd: dir });
    expect(json.stderr.match(UNREAD)).toHaveLength(1);
    expect(JSON.parse(json.stdout).release).toBe("3.24");
  });

  it("says nothing without one, nor for migrate DIR, which reads it", async () => {
    const file = await runCli(["migrate", "Dockerfile"], { cwd: dir });
    expect(file.code).toBe(0);
    expect(file.stderr).not.toMatch(UNREAD);
    await writeFile(join(dir, "alpinize.config.json"), '{ "alpine": "3.22" }\n');
    const folder = await runCli(["migrate", "."], { cwd: dir });
    expect(folder.code).toBe(0);
    expect(folder.stderr).toMatch(/Alpine 3\.22/);
    expect(folder.stderr).not.toMatch(UNREAD);
  });
});
