import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { version } from "../../version.js";

const FIXTURES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../../packages/trivy-gate/test/fixtures",
);
const fixture = (name: string) => resolve(FIXTURES, name);

describe("alpinize gate --format json on an error that stops it", () => {
  const tmp = useTempDir("alpinize-gate-json-errors-", { scope: "all" });

  it("prints an alpinize.gate/v1 document that did not pass, with the error", async () => {
    const r = await runCli(["gate", "--format", "json", "missing.json"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    const error = {
      code: "ALPINIZE_GATE_REPORT_UNREADABLE",
      message: "missing.json: no such file",
    };
    expect(JSON.parse(r.stdout)).toEqual({
      schema: "alpinize.gate/v1",
      toolVersion: version(),
      passed: false,
      error: { ...error, hint: expect.any(String) as unknown, file: "missing.json" },
      blocking: [],
      problems: [error],
      findings: [],
    });
    expect(r.stderr).toContain(`error ${error.message}`);
  });

  it("also for a usage error with --format=json, and with --output -", async () => {
    for (const argv of [
      ["gate", "--format=json", "--severity", "BAD", "r.json"],
      ["gate", "--format", "json", "--output", "-", "--severity", "BAD", "r.json"],
    ]) {
      const r = await runCli(argv, { cwd: tmp.dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({
        passed: false,
        error: { code: "ALPINIZE_USAGE" },
      });
      expect(r.stderr).toContain('--severity "BAD"');
    }
  });

  it("with --json, also when --format names another format (a usage error)", async () => {
    for (const format of ["markdown", "sarif", "text"]) {
      const argv = ["gate", fixture("alpine.json"), "--json", "--format", format];
      const r = await runCli(argv, { cwd: tmp.dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({
        schema: "alpinize.gate/v1",
        passed: false,
        error: { code: "ALPINIZE_USAGE" },
      });
      expect(r.stderr).toContain(`--json and --format ${format} exclude each other`);
    }
  });

  it("with --json, names an unknown --format as unknown and lists the known ones", async () => {
    const argv = ["gate", fixture("alpine.json"), "--json", "--format", "bogus"];
    const r = await runCli(argv, { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "ALPINIZE_USAGE" } });
    expect(r.stderr).toContain(
      '--format "bogus": unknown format; expected one of text, markdown, json, sarif',
    );
    expect(r.stderr).not.toContain("exclude each other");
  });

  it("prints nothing on stdout when the JSON goes to a file, or for SARIF", async () => {
    for (const argv of [
      ["gate", "--format", "json", "--output", "out.json", "missing.json"],
      ["gate", "--format", "sarif", "missing.json"],
    ]) {
      const r = await runCli(argv, { cwd: tmp.dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("missing.json: no such file");
    }
  });
});

describe("alpinize gate --json", () => {
  const tmp = useTempDir("alpinize-gate-json-flag-", { scope: "all" });

  it("is --format json: the report document, and the failure document on an error", async () => {
    const clean = await runCli(["gate", "--json", fixture("clean.json")]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ schema: "alpinize.gate/v1", passed: true });
    const same = await runCli(["gate", "--json", "--format", "json", fixture("clean.json")]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ schema: "alpinize.gate/v1", passed: true });
    const missing = await runCli(["gate", "--json", "missing.json"], { cwd: tmp.dir });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      passed: false,
      error: { code: "ALPINIZE_GATE_REPORT_UNREADABLE" },
    });
  });
});
