import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

describe("alpinize check --json on an error that stops the check", () => {
  const tmp = useTempDir("alpinize-check-json-errors-", { scope: "all" });

  it("prints one not-checked error entry for a missing path, never an empty array", async () => {
    const r = await runCli(["check", "--json", "missing"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: "missing",
        line: 0,
        rule: "not-checked",
        severity: "error",
        message: "alpinize check: missing does not exist",
        code: "ALPINIZE_CHECK_NOT_FOUND",
        hint: expect.any(String) as unknown,
      },
    ]);
    expect(r.stderr).toContain("error alpinize check: missing does not exist");
  });

  it("has file null for a usage error, and an entry when nothing was checked", async () => {
    const usage = await runCli(["check", "--json", "--bogus"], { cwd: tmp.dir });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject([
      { file: null, rule: "not-checked", severity: "error", code: "ALPINIZE_USAGE" },
    ]);
    expect(usage.stderr).toContain("--bogus");
    const nothing = await runCli(["check", "--json", "."], { cwd: tmp.dir });
    expect(nothing.code).toBe(2);
    expect(JSON.parse(nothing.stdout)).toMatchObject([
      { severity: "error", code: "ALPINIZE_CHECK_NOTHING" },
    ]);
    expect(nothing.stderr).toContain("nothing was checked");
  });
});
