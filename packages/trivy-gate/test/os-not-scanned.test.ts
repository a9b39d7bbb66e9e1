import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, render } from "../src/index.js";
import { gate, RUN_DATE, reportJson, vuln } from "./fail-closed-fixtures.js";
import { corpusFiles, load, loadCorpus } from "./helpers.js";

// Trivy keeps the OS packages result of an OS it detected, findings or not (a clean image has
// `{"Class": "os-pkgs"}` with no Vulnerabilities). A report naming an OS without that result
// was not scanned for OS vulnerabilities, and passed the gate as if it were clean.

const NO_RESULTS = JSON.stringify({
  SchemaVersion: 2,
  ArtifactName: "x",
  ArtifactType: "container_image",
  Metadata: { OS: { Family: "alpine", Name: "3.23.0" } },
});
const secretOnly = { Target: "app/.env", Class: "secret" };
const langOnly = {
  Target: "app/package-lock.json",
  Class: "lang-pkgs",
  Type: "npm",
  Vulnerabilities: [vuln({ Severity: "LOW", PkgIdentifier: undefined })],
};

describe("an OS named with no OS packages result is not a pass", () => {
  it.each([
    ["no Results", NO_RESULTS],
    ["an empty Results", reportJson({ results: [] })],
    ["only a secret result (--scanners secret)", reportJson({ results: [secretOnly] })],
    ["only a language result (--pkg-types library)", reportJson({ results: [langOnly] })],
  ])("%s", (_label, json) => {
    const e = gate(json);
    expect(e.passed).toBe(false);
    expect(e.problems.map((p) => p.code)).toEqual(["os-not-scanned"]);
    const message = e.problems[0]?.message ?? "";
    expect(message).toMatch(/^Trivy detected alpine 3\.2\d\.0 but the report has no OS packages/);
    expect(message).toContain("--scanners vuln");
    expect(message).toMatch(/check that Trivy supports alpine 3\.2\d\.0$/);
  });

  it("--allow-unknown-os (for images with no OS) does not accept it", () => {
    expect(gate(NO_RESULTS, { allowUnknownOs: true }).passed).toBe(false);
  });

  it("whatever the artifact type: an OS named in a filesystem (rootfs) report counts too", () => {
    const fs = NO_RESULTS.replace("container_image", "filesystem");
    expect(gate(fs).problems.map((p) => p.code)).toEqual(["os-not-scanned"]);
  });

  it("Markdown does not call it clean", () => {
    const md = render(gate(NO_RESULTS), "markdown");
    expect(md).toMatch(/^## ❌/);
    expect(md).not.toContain("No vulnerabilities found");
    expect(md).toContain("this is not a clean result");
  });

  it("a clean scan, its OS packages result without findings, passes", () => {
    const clean = { Target: "x (alpine 3.23.0)", Class: "os-pkgs", Type: "alpine" };
    for (const results of [[clean], [clean, secretOnly], [clean, langOnly]])
      expect(gate(reportJson({ results })).problems).toEqual([]);
    const atRun = defaultPolicy({ now: RUN_DATE });
    expect(evaluate(load("clean.json"), atRun).passed).toBe(true);
    expect(render(evaluate(load("clean.json"), atRun), "markdown")).toContain(
      "No vulnerabilities found.",
    );
  });

  it("a report without Class (Trivy < 0.20) is placed by its OS Type", () => {
    const old = reportJson({ results: [{ Target: "x (alpine 3.23.0)", Type: "alpine" }] });
    expect(gate(old).problems).toEqual([]);
  });

  it("no corpus report is judged unscanned (each has its OS packages result)", () => {
    for (const name of corpusFiles()) {
      const e = evaluate(loadCorpus(name), defaultPolicy({ allowEosl: true }));
      expect(
        e.problems.map((p) => p.code),
        name,
      ).not.toContain("os-not-scanned");
    }
  });
});
