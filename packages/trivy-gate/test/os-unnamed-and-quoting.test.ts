import { describe, expect, it } from "vitest";
import { render } from "../src/index.js";
import { gate, reportJson } from "./fail-closed-fixtures.js";

// Found by a tester: a report with OS packages but no OS family passed --strict-eosl; an OS
// name holding `\n::error::…` reached stderr as a line of its own (a GitHub Actions command);
// a 5 MB name was echoed in full; and an explicit `EOSL: false` was called missing.

const osPackages = [{ Target: "x (os)", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [] }];
const withOs = (OS: unknown) =>
  reportJson({ meta: OS === undefined ? {} : { OS }, results: osPackages });
const noMetadataOs = reportJson({ meta: { OS: undefined }, results: osPackages });

describe("OS packages but no OS family: the OS packages result names the OS", () => {
  // Its Target ("x (os)") names no release: the family is known (alpine, from Type), not the release.
  it.each([
    ["no Metadata.OS", noMetadataOs],
    ["OS {}", withOs({})],
    ['Family ""', withOs({ Family: "" })],
  ])("%s: unknown release, warns, and fails under --strict-eosl", (_label, json) => {
    const loose = gate(json);
    expect(loose.report.os).toEqual({ family: "alpine", name: "", eosl: false, fromResults: true });
    expect(loose.osSupport?.status).toBe("unknown");
    expect(loose.warnings).toHaveLength(1);
    expect(loose.warnings[0]).toMatch(
      /^end-of-life status unknown: the report has no Metadata\.OS\.Family; its OS packages result names the OS alpine \(its Type\) but not one release/,
    );
    const strict = gate(json, { strictEosl: true });
    expect([strict.passed, strict.problems.map((p) => p.code)]).toEqual([false, ["eosl-unknown"]]);
  });

  it.each([
    ['Family "" with Name 3.14', withOs({ Family: "", Name: "3.14" })],
    ["Name only", withOs({ Name: "3.14.1" })],
  ])("%s: the stated release with the result's family, judged by the table", (_label, json) => {
    const e = gate(json);
    expect(e.report.os?.family).toBe("alpine");
    expect(e.osSupport).toMatchObject({ status: "ended", release: "3.14" });
    expect(e.problems.map((p) => p.code)).toEqual(["eosl"]);
  });

  it("a report with no OS packages result (npm-only scan) still passes with no OS warning", () => {
    const npm = JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: "app",
      ArtifactType: "filesystem",
      Results: [{ Target: "package-lock.json", Class: "lang-pkgs", Type: "npm" }],
    });
    const e = gate(npm);
    expect([e.passed, e.osSupport, e.warnings]).toEqual([true, undefined, []]);
  });
});

describe("report text in messages: one line, bounded", () => {
  const injected = "12\n::error::injected line\nalpinize gate: PASS";
  const inj = reportJson({
    meta: { OS: { Family: "debian", Name: injected } },
    results: [{ Target: "x", Class: "os-pkgs", Type: "debian", Vulnerabilities: [] }],
  });

  it("the end-of-life warning has no line break in any format", () => {
    const e = gate(inj);
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(e.warnings[0]).toContain("debian 12 ::error::injected line alpinize gate: PASS");
    for (const format of ["text", "markdown"] as const)
      for (const line of render(e, format).split("\n"))
        expect(line).not.toMatch(/^\s*(>\s*)?::error::/);
    const sarif = JSON.parse(render(e, "sarif"));
    for (const n of sarif.runs[0].invocations[0].toolExecutionNotifications)
      expect(n.message.text).not.toMatch(/\n/);
  });

  it("a 5 MB OS name is cut to 200 characters with an ellipsis, in warning and headline", () => {
    const huge = "9".repeat(5_000_000);
    const e = gate(
      reportJson({
        meta: { OS: { Family: "debian", Name: huge } },
        results: [{ Target: "x", Class: "os-pkgs", Type: "debian", Vulnerabilities: [] }],
      }),
    );
    expect(e.warnings[0]!.length).toBeLessThan(1000);
    expect(e.warnings[0]).toContain(`debian ${"9".repeat(200)}…`);
    expect(render(e, "text").length).toBeLessThan(2000);
    expect(render(e, "markdown").length).toBeLessThan(3000);
  });

  it("VEX, exception and severity-source warnings quote their input on one line", () => {
    const vendorKey = "nvd\n::error::v";
    const json = reportJson({
      results: [
        {
          Target: "x (alpine 3.23.0)",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [
            {
              VulnerabilityID: "CVE-2026-1",
              PkgName: "p",
              InstalledVersion: "1",
              Severity: "LOW",
              VendorSeverity: { [vendorKey]: 1 },
            },
          ],
        },
      ],
    });
    const e = gate(json, {
      severitySource: "redhat\n::error::s",
      exceptions: [
        {
          id: "CVE-2026-9\n::error::x",
          reason: "r",
          expires: "2030-01-01",
          source: "exc\n.yaml",
          index: 0,
        },
      ],
    });
    expect(e.warnings.length).toBeGreaterThanOrEqual(2);
    for (const w of e.warnings) expect(w).not.toMatch(/[\r\n]/);
  });
});

describe("EOSL false in the report for a release past its announced end", () => {
  it("says Trivy's report says EOSL false, not that the field is missing", () => {
    const e = gate(
      reportJson({
        meta: { OS: { Family: "alpine", Name: "3.14.0", EOSL: false } },
        results: [{ Target: "x", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [] }],
      }),
    );
    expect(e.passed).toBe(false);
    expect(e.problems[0]?.message).toBe(
      "alpine 3.14.0 is end-of-service-life: Trivy's report says EOSL false, but support for alpine 3.14 ended on 2023-05-01 per the gate's table of announced dates, so it gets no security fixes; move to a supported release (or pass --allow-eosl)",
    );
  });
});
