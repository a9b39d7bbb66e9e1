import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { alpineImageReport } from "../../test-support/trivy-report.js";

// Found by a tester (inputs like /tmp/tester13/gate/e-*.json, written here by the test): an
// error about report text repeated it raw. A `Severity` of "X\n::error::PWNED\n\x1b[31mRED" +
// 5 MiB gave a stderr line that was exactly `::error::PWNED` (a GitHub Actions workflow command)
// and 5 MB of stderr, and `--format json` carried it in error.message and problems[0].message.
// And rows were not capped: 5 MB names made 26 MB of text and Markdown, 183 MB of SARIF.

const EVIL = `X\n::error::PWNED\n\u001b[31mRED${"Z".repeat(5 * 1024 * 1024)}`;

const image = (vuln: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  alpineImageReport(
    [
      {
        VulnerabilityID: "CVE-1",
        PkgName: "p",
        InstalledVersion: "1",
        Severity: "CRITICAL",
        Status: "affected",
        ...vuln,
      },
    ],
    "x",
    top,
  );

const INPUTS: [string, string][] = [
  ["e-sev.json", image({ Severity: EVIL })],
  ["e-status.json", image({ Status: EVIL })],
  ["e-atype.json", image({}, { ArtifactType: EVIL })],
  [
    "e-dup2.json",
    image({}).replace('"PkgName":"p"', `${JSON.stringify(EVIL)}:1,${JSON.stringify(EVIL)}:2`),
  ],
];

/** stderr and a --format json error document: no workflow-command line, a few KB at most. */
function expectContained(r: { code: number; stdout: string; stderr: string }, json: boolean) {
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/^::/m);
  expect(r.stderr).not.toContain("\u001b");
  expect(r.stderr.length).toBeLessThan(4096);
  if (!json) return;
  expect(r.stdout.length).toBeLessThan(4096);
  const doc = JSON.parse(r.stdout) as {
    error: { message: string };
    problems: { message: string }[];
  };
  for (const message of [doc.error.message, doc.problems[0]!.message]) {
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).not.toContain("\u001b");
    expect(message).toContain("X ::error::PWNED \ufffd[31mRED");
  }
}

describe("alpinize gate: an error about report text keeps it on one short line", () => {
  const tmp = useTempDir("alpinize-gate-report-text-", { scope: "all" });

  it.each(INPUTS)("%s", async (name, text) => {
    writeFileSync(join(tmp.dir, name), text);
    expectContained(await runCli(["gate", name], { cwd: tmp.dir }), false);
    expectContained(await runCli(["gate", "--format", "json", name], { cwd: tmp.dir }), true);
  });

  it('an exceptions file with expires: "2020-13-45\\n::error::EXP"', async () => {
    writeFileSync(join(tmp.dir, "ok.json"), image({ Severity: "LOW" }));
    writeFileSync(
      join(tmp.dir, "exc.yaml"),
      '- id: CVE-2\n  reason: x\n  expires: "2020-13-45\\n::error::EXP"\n',
    );
    const r = await runCli(["gate", "ok.json", "--exceptions", "exc.yaml"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'exc.yaml: exceptions[0].expires: "2020-13-45 ::error::EXP" is not a date',
    );
    expect(r.stderr).not.toMatch(/^::/m);
  });
});

describe("alpinize gate: rows of 5 MB report names stay small in every format but JSON", () => {
  const tmp = useTempDir("alpinize-gate-rows-", { scope: "all" });
  const big = (tag: string) => `${tag}\n::error::${tag}${"B".repeat(5 * 1024 * 1024)}`;

  it.each([
    ["text", 16 * 1024],
    ["markdown", 60_000],
    ["sarif", 64 * 1024],
  ])("%s", async (format, limit) => {
    const report = image(
      {
        VulnerabilityID: big("VID"),
        PkgName: big("PKG"),
        InstalledVersion: big("IV"),
        FixedVersion: big("FV"),
        Title: big("TITLE"),
      },
      { ArtifactName: big("ART") },
    ).replace('"Target":"x (alpine 3.23.0)"', `"Target":${JSON.stringify(big("TARGET"))}`);
    writeFileSync(join(tmp.dir, "huge.json"), report);
    const r = await runCli(["gate", "--format", format, "huge.json"], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(limit);
    expect(r.stdout).not.toMatch(/^::/m);
  });
});

describe("alpinize gate: a missing file is worded as the other commands word it", () => {
  const tmp = useTempDir("alpinize-gate-missing-", { scope: "all" });

  it.each([
    ["the report", ["gate", "missing.json"]],
    ["--baseline", ["gate", "ok.json", "--baseline", "missing.json"]],
    ["--exceptions", ["gate", "ok.json", "--exceptions", "missing.json"]],
    ["--vex", ["gate", "ok.json", "--vex", "missing.json"]],
  ])("%s", async (_, argv) => {
    writeFileSync(join(tmp.dir, "ok.json"), image({ Severity: "LOW" }));
    const r = await runCli(argv, { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error missing.json: no such file\n");
    expect(r.stderr).not.toContain("ENOENT");
  });
});
