import { describe, expect, it } from "vitest";
import { parseExceptions, parseTrivyReport, parseVex } from "../src/index.js";
import { reportJson, reportWithVuln, vexDoc } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// Found by a tester: an error (exit 2) repeated report text raw. A `Severity` of
// "X\n::error::PWNED\n\x1b[31mRED" + 5 MB gave a stderr line that was exactly `::error::PWNED`
// (a GitHub Actions workflow command) and 5 MB of stderr; `--format json` carried it in
// error.message. Every message built from input text now goes through `quoted`: one line, no
// control or bidirectional characters, cut with an ellipsis.

const BIG = 1024 * 1024;
// Line breaks, ESC and U+202E: what a message must never carry.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\r\n\u0085\u2028\u2029\u001b\u202e]/;
const EVIL = `X\n::error::PWNED\n\u001b[31mRED\u202eRLO\r\u2028${"Z".repeat(BIG)}`;

/** What every message, hint and string detail of an input error must be. */
function expectBounded(err: Error & { code?: string; hint?: string }, code: string) {
  expect(err.code).toBe(code);
  const details = (err as { details?: Record<string, unknown> }).details ?? {};
  const texts = [
    err.message,
    err.hint ?? "",
    ...Object.values(details).filter((v): v is string => typeof v === "string"),
  ];
  for (const text of texts) {
    expect(text.length).toBeLessThan(1500);
    expect(text).not.toMatch(UNSAFE);
  }
  expect(err.message).toContain("X ::error::PWNED \ufffd[31mRED\ufffdRLO");
  expect(err.message).toContain("Z…");
}

const report = (json: string) => () => parseTrivyReport(json, { source: "r.json" });
const misconfiguration = (extra: object) =>
  reportJson({
    results: [
      {
        Target: "Dockerfile",
        Class: "config",
        Misconfigurations: [
          { ID: "DS002", Title: "t", Severity: "HIGH", Status: "FAIL", ...extra },
        ],
      },
    ],
  });
const INVALID = "ALPINIZE_GATE_REPORT_INVALID";

describe("report errors quote the report's text: one line, bounded", () => {
  it.each([
    ["a vulnerability's Severity", reportWithVuln({ Severity: EVIL })],
    ["a vulnerability's Status", reportWithVuln({ Status: EVIL })],
    ["a misconfiguration's Status", misconfiguration({ Status: EVIL })],
    ["a misconfiguration's Severity", misconfiguration({ Severity: EVIL })],
    ["a VendorSeverity value", reportWithVuln({ VendorSeverity: { nvd: EVIL } })],
  ])("%s", (_, json) => {
    expectBounded(thrown(report(json)), INVALID);
  });

  it("an unknown ArtifactType", () => {
    const json = JSON.stringify({ ...JSON.parse(reportJson()), ArtifactType: EVIL });
    expectBounded(thrown(report(json)), INVALID);
  });

  it("a key given twice whose name is hostile, and the path through it", () => {
    const dup = `{"SchemaVersion":2,"ArtifactName":"x","Results":[{"Target":"t",${JSON.stringify(EVIL)}:1,${JSON.stringify(EVIL)}:2}]}`;
    expectBounded(thrown(report(dup)), INVALID);
    const below = `{"SchemaVersion":2,${JSON.stringify(EVIL)}:{"a":1,"a":2}}`;
    const err = thrown(report(below));
    expectBounded(err, INVALID);
    expect(err.message).toContain('duplicate key "a"');
  });

  it("a hostile VendorSeverity or CVSS vendor name in the JSON path", () => {
    for (const extra of [
      { VendorSeverity: { [EVIL]: "x" } },
      { CVSS: { [EVIL]: { V3Score: "9.8" } } },
      { CVSS: { [EVIL]: { v3score: 9.8 } } },
    ]) {
      const err = thrown(report(reportWithVuln(extra)));
      expect(err.code).toBe(INVALID);
      expect(err.message.length).toBeLessThan(1000);
      expect(err.message).not.toMatch(UNSAFE);
      expect(err.message).toContain("X ::error::PWNED");
    }
  });

  it("a file that is no Trivy report lists its keys quoted", () => {
    const err = thrown(report(JSON.stringify({ [EVIL]: 1 })));
    expectBounded(err, "ALPINIZE_GATE_NOT_TRIVY");
  });

  it("a deeply nested duplicate key: the path keeps its start and its end", () => {
    const depth = 100_000;
    const deep = `{"SchemaVersion":2,"X":${"[".repeat(depth)}{"a":1,"a":2}${"]".repeat(depth)}}`;
    const err = thrown(report(deep));
    expect(err.code).toBe(INVALID);
    expect(err.message.length).toBeLessThan(1000);
    expect(err.message).toMatch(/: X\[0\]\[0\].*….*\[0\]\.a: duplicate key "a"/);
  });

  it("a SchemaVersion as every other value: quoted, cut at 40 characters", () => {
    const json = JSON.stringify({ SchemaVersion: EVIL, Results: [] });
    const err = thrown(report(json));
    expect(err.message).toBe(
      `r.json: SchemaVersion: unsupported schema version "X ::error::PWNED \ufffd[31mRED\ufffdRLO ${"Z".repeat(9)}…" (expected 2)`,
    );
  });
});

const EXC = "ALPINIZE_GATE_EXCEPTIONS_INVALID";
const yamlString = JSON.stringify(EVIL);
const exceptions = (text: string) => () => parseExceptions(text, "exc.yaml");

describe("exceptions file errors quote the file's text", () => {
  it.each([
    ["expires", `- id: CVE-1\n  reason: r\n  expires: ${yamlString}\n`],
    ["purl", `- id: CVE-1\n  reason: r\n  expires: 2030-01-01\n  purl: ${yamlString}\n`],
    // Explicit keys (`? key`): YAML limits an implicit one to 1024 characters.
    ["an unknown key of an exception", `- id: CVE-1\n  ? ${yamlString}\n  : 1\n`],
    ["an unknown top-level key", `exceptions: []\n? ${yamlString}\n: 1\n`],
    ["a key given twice", `- ? ${yamlString}\n  : 1\n  ? ${yamlString}\n  : 2\n`],
  ])("%s", (_, text) => {
    expectBounded(thrown(exceptions(text)), EXC);
  });

  it("an undefined alias of a 1 MB name", () => {
    const name = "a".repeat(BIG);
    const err = thrown(exceptions(`- id: *${name}\n`));
    expect(err.code).toBe(EXC);
    expect(err.message.length).toBeLessThan(1000);
    expect(err.message).toContain(`the alias *${"a".repeat(100)}… is not defined`);
  });

  it('the tester\'s file: expires "2020-13-45\\n::error::EXP"', () => {
    const err = thrown(
      exceptions('- id: CVE-2\n  reason: x\n  expires: "2020-13-45\\n::error::EXP"\n'),
    );
    expect(err.message).toBe(
      'exc.yaml: exceptions[0].expires: "2020-13-45 ::error::EXP" is not a date (expected YYYY-MM-DD)',
    );
  });
});

describe("VEX errors quote the document's text", () => {
  const VEX = "ALPINIZE_GATE_VEX_INVALID";
  const vex = (text: string) => () => parseVex(text, "v.json");

  it("a key given twice whose name is hostile", () => {
    const dup = `{"@context":"https://openvex.dev/ns/v0.2.0",${JSON.stringify(EVIL)}:1,${JSON.stringify(EVIL)}:2}`;
    expectBounded(thrown(vex(dup)), VEX);
  });

  it("a timestamp that is no date-time, a string or anything else", () => {
    expectBounded(thrown(vex(vexDoc([], { timestamp: EVIL }))), VEX);
    const err = thrown(vex(vexDoc([], { timestamp: { a: EVIL } })));
    expect(err.code).toBe(VEX);
    expect(err.message.length).toBeLessThan(1000);
    expect(err.message).toContain('{"a":"X\\n::error::PWNED');
  });
});
