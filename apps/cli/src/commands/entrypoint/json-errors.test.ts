import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

describe("alpinize entrypoint --json on an error that stops it", () => {
  const tmp = useTempDir("alpinize-entrypoint-json-errors-", { scope: "all" });

  it("prints the report shape with one error finding and the error, for a missing file", async () => {
    const r = await runCli(["entrypoint", "--json", "missing.sh"], { cwd: tmp.dir });
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
    await writeFile(join(tmp.dir, "crlf.sh"), '#!/bin/sh\r\nexec "$@"\r\n');
    const crlf = await runCli(["entrypoint", "--json", "crlf.sh"], { cwd: tmp.dir });
    expect(crlf.code).toBe(2);
    const doc = JSON.parse(crlf.stdout) as { file: string; error: { message: string } };
    expect(doc.file).toBe("crlf.sh");
    expect(doc.error.message).toMatch(/^crlf\.sh: the script has CRLF/);
    expect(crlf.stderr).toContain("error crlf.sh: ");
    const usage = await runCli(["entrypoint", "--json", "a.sh", "b.sh"], { cwd: tmp.dir });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({
      file: null,
      findings: [{ severity: "error", code: "ALPINIZE_USAGE" }],
      error: { code: "ALPINIZE_USAGE" },
    });
    expect(usage.stderr).toContain("exactly one script");
  });

  it("gives a script sh cannot parse its report and an error with the code migrate DIR gives", async () => {
    await writeFile(join(tmp.dir, "s.sh"), "#!/bin/sh\nif [ x; then\n");
    const r = await runCli(["entrypoint", "s.sh", "--json"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    const message =
      's.sh:2:1: shell syntax error: "if" opened here is never closed with "fi"; nothing was rewritten';
    const doc = JSON.parse(r.stdout) as { findings: { rule: string }[]; error: unknown };
    expect(doc.findings.map((f) => f.rule)).toEqual(["syntax"]);
    expect(doc.error).toEqual({
      code: "ALPINIZE_SCRIPT_SYNTAX",
      message,
      hint: 'add the missing "fi"',
      file: "s.sh",
      line: 2,
      column: 1,
    });
    expect(r.stderr).toBe(`error ${message}\n  add the missing "fi"\n`);
    await writeFile(join(tmp.dir, "ok.sh"), '#!/bin/sh\nexec "$@"\n');
    const ok = await runCli(["entrypoint", "ok.sh", "--json"], { cwd: tmp.dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).not.toHaveProperty("error");
  });
});
