import { describe, expect, it } from "vitest";
import { type Evaluation, parseExceptions, parseVex, render } from "../src/index.js";
import { gate, notAffected, reportJson, vexDoc } from "./fail-closed-fixtures.js";

// A Markdown report goes into a PR comment or a job summary, where the CLI's stderr is not: it
// showed the end-of-life warning alone, and dropped the others the run produced.

/** alpine 3.99.0 (no announced dates: end of life unknown) with one CRITICAL finding. */
const report = reportJson({
  meta: { OS: { Family: "alpine", Name: "3.99.0" } },
  results: [
    {
      Target: "x (alpine 3.99.0)",
      Class: "os-pkgs",
      Type: "alpine",
      Vulnerabilities: [
        {
          VulnerabilityID: "CVE-2026-1",
          PkgName: "zlib",
          InstalledVersion: "1.0-r0",
          FixedVersion: "1.1-r0",
          Status: "fixed",
          Severity: "CRITICAL",
          VendorSeverity: { nvd: 4 },
        },
      ],
    },
  ],
});

/** Every kind of warning evaluate gives: end of life, severity source, VEX, long exception. */
function everyWarning(): Evaluation {
  const vex = parseVex(
    vexDoc([notAffected({ "@id": "pkg:oci/other?repository_url=ghcr.io/acme/other" })]),
    "v.json",
  );
  const exceptions = parseExceptions(
    "- {id: CVE-2026-1, reason: r, expires: 9999-12-31}\n",
    "x.yaml",
  );
  return gate(report, { severitySource: "nvdd", vex, exceptions });
}

/** The lines of the `> [!WARNING]` box, without the `> ` quote marks. */
function warningBox(markdown: string): string[] {
  const lines = markdown.split("\n");
  const start = lines.indexOf("> [!WARNING]");
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(">"));
  return lines.slice(start + 1, end).map((l) => l.replace(/^> ?/, ""));
}

describe("Markdown warnings", () => {
  it("the evaluation gives four kinds of warning here", () => {
    const w = everyWarning().warnings;
    expect(w).toHaveLength(4);
    expect(w[0]).toMatch(/^end-of-life status unknown/);
    expect(w[1]).toMatch(/^severity source "nvdd" appears in no finding's VendorSeverity/);
    expect(w[2]).toMatch(/^v\.json statements\[0\] .* not applied/);
    expect(w[3]).toMatch(/^x\.yaml exceptions\[0\] \(CVE-2026-1\) expires 9999-12-31/);
  });

  it("shows every warning, in one box, one paragraph each", () => {
    const e = everyWarning();
    const box = warningBox(render(e, "markdown"));
    const paragraphs = box.filter((l) => l !== "");
    expect(paragraphs).toHaveLength(e.warnings.length);
    expect(box.filter((l) => l === "")).toHaveLength(e.warnings.length - 1);
    expect(paragraphs[1]).toContain('severity source "nvdd" appears in no finding');
    // Escaped as any text from the report or a policy file is.
    expect(paragraphs[2]).toContain("v.json statements\\[0\\] \\(CVE-2026-1,");
    expect(paragraphs[3]).toContain("x.yaml exceptions\\[0\\] \\(CVE-2026-1\\) expires 9999-12-31");
  });

  it("says a VEX statement was not applied once, in the box", () => {
    const md = render(everyWarning(), "markdown");
    expect(md.match(/not applied/g)).toHaveLength(1);
    expect(md).toContain("VEX: 0 of 1 statement(s) applied.");
  });

  it("a single warning reads as before: the box and its one line", () => {
    const e = gate(report);
    expect(e.warnings).toHaveLength(1);
    expect(render(e, "markdown")).toContain(`> [!WARNING]\n> end-of-life status unknown`);
  });

  it("no box without a warning", () => {
    expect(render(gate(reportJson()), "markdown")).not.toContain("[!WARNING]");
  });

  it("warnings added after evaluation (the CLI's own) are shown too, masked", () => {
    const e = gate(reportJson());
    e.warnings.push("not passed to trivy: TRIVY_PASSWORD (see https://bob:s3cret@example.test/x)");
    const box = warningBox(render(e, "markdown"));
    expect(box[0]).toContain("not passed to trivy: TRIVY\\_PASSWORD");
    expect(box.join("\n")).not.toContain("s3cret");
  });

  it("lists at most maxRows warnings, and says how many more the JSON has", () => {
    const e = gate(reportJson());
    for (let i = 0; i < 12; i++) e.warnings.push(`warning ${i}`);
    const box = warningBox(render(e, "markdown", { maxRows: 5 })).filter((l) => l !== "");
    expect(box).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `warning ${i}`),
      "… and 7 more warning(s); the JSON output lists them all.",
    ]);
  });

  it("SARIF carries every warning as a tool notification too", () => {
    const e = everyWarning();
    const run = JSON.parse(render(e, "sarif")).runs[0];
    expect(
      run.invocations[0].toolExecutionNotifications.map(
        (n: { message: { text: string } }) => n.message.text,
      ),
    ).toEqual(e.warnings);
  });
});
