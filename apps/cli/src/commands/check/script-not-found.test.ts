import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-check-missing-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("alpinize check with the ENTRYPOINT script missing from the build context", () => {
  it("warns that the script was not checked, on stderr and in --json, rather than passing silently", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM alpine:3.23\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
    );
    const human = await runCli(["check", "."], { cwd: dir });
    expect(human.stderr).toMatch(
      /^warning Dockerfile:2: script-not-found: docker-entrypoint\.sh, which ENTRYPOINT runs .* so it was not checked: run alpinize check from the build context/m,
    );
    // A file whose script was not checked is not called clean.
    expect(human.stderr).toMatch(
      /^alpinize check: 1 file\(s\) checked: 0 error\(s\), 2 warning\(s\)$/m,
    );
    expect(human.stderr).not.toContain("clean");
    expect(human.code).toBe(0);
    const json = await runCli(["check", ".", "--json"], { cwd: dir });
    expect(JSON.parse(json.stdout)).toContainEqual(
      expect.objectContaining({
        file: "Dockerfile",
        line: 2,
        rule: "script-not-found",
        severity: "warning",
      }),
    );
  });
});
