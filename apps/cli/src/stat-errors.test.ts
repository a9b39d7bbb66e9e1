import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

// A path that fails for another reason than a missing name (a file used as a folder, a name
// longer than the system allows, a folder the user cannot enter) was called "no such file" by
// migrate and "does not exist" by check. ENOTDIR and ENAMETOOLONG happen as root too.

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-stat-errors-"));
  await writeFile(join(dir, "plain"), "FROM debian:12\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CASES: [string, () => string][] = [
  ["ENOTDIR", () => join(dir, "plain", "Dockerfile")],
  ["ENAMETOOLONG", () => join(dir, `${"x".repeat(300)}.Dockerfile`)],
];

describe.each(CASES)("a path failing with %s", (code, path) => {
  it("migrate FILE says it cannot be read, with the code, exit 2", async () => {
    const res = await runCli(["migrate", path()]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`cannot read (${code})`);
    expect(res.stderr).not.toContain("no such file");
  });

  it("check says it cannot be read, with the code, exit 2", async () => {
    const res = await runCli(["check", path()]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`cannot read (${code})`);
    expect(res.stderr).not.toContain("does not exist");
  });

  it("migrate --json names the error code", async () => {
    const res = await runCli(["migrate", "--json", path()]);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain("ALPINIZE_MIGRATE_UNREADABLE");
  });
});
