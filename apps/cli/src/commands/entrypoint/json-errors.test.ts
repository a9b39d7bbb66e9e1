import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

describe("alpinize entrypoint --json on an error that stops it", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-entrypoint-json-errors-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("prints the report shape with one error finding and the error, for a missing file", async () => {
    const r = await runCli(["entrypoint", "--json", "missing.sh"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      file: "missing.sh",
      changed: false,
      source: null,
      edits: [],
      warnings: [],
      findings: [
        {
          rule: "not-checked",
          severity: "error",
          line: 0,
          column: 0,
          message: "missing.sh: no such file",
          fix: expect.any(String) as unknown,
          code: "ALPINIZE_ENTRYPOINT_NO_FILE",
        },
      ],
      error: {
        code: "ALPINIZE_ENTRYPOINT_NO_FILE",
        message: "missing.sh: no such file",
        hint: expect.any(String) as unknown,
        file: "missing.sh",
      },
    });
    expect(r.stderr).toContain("error missing.sh: no such file");
  });

  it("names the file of a script it refuses (CRLF), and has file null for a usage error", async () => {
    await writeFile(join(dir, "crlf.sh"), '#!/bin/sh\r\nexec "$@"\r\n');
    const crlf = await runCli(["entrypoint", "--json", "crlf.sh"], { cwd: dir });
    expect(crlf.code).toBe(2);
    const doc = JSON.parse(crlf.stdout) as { file: string; error: { message: string } };
    expect(doc.file).toBe("crlf.sh");
    expect(doc.error.message).toMatch(/^crlf\.sh: /);
    expect(crlf.stderr).toContain("error crlf.sh: ");
    const usage = await runCli(["entrypoint", "--json", "a.sh", "b.sh"], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({
      file: null,
      findings: [{ severity: "error", code: "ALPINIZE_USAGE" }],
      error: { code: "ALPINIZE_USAGE" },
    });
    expect(usage.stderr).toContain("exactly one script");
  });
});
