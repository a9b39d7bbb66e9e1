import { describe, expect, it } from "vitest";
import { render } from "../src/index.js";
import { gate, reportJson } from "./fail-closed-fixtures.js";

// The same CVE in the same package of two lockfiles is one finding (its key has no target), and
// the text, Markdown and SARIF rows named only the first lockfile: the juice-shop report in the
// corpus showed ws 7.4.6 in frontend/package-lock.json alone, though the root lockfile pins it
// too. Every target is named now; the JSON output already listed them in `targets`.

const ws = {
  VulnerabilityID: "CVE-2024-37890",
  PkgName: "ws",
  InstalledVersion: "7.4.6",
  FixedVersion: "7.5.10",
  Status: "fixed",
  Severity: "HIGH",
  PkgIdentifier: { PURL: "pkg:npm/ws@7.4.6" },
};

const lockfiles = (...targets: string[]) =>
  gate(
    reportJson({
      meta: { OS: undefined },
      results: targets.map((Target) => ({
        Target,
        Class: "lang-pkgs",
        Type: "npm",
        Vulnerabilities: [ws],
      })),
    }).replace('"container_image"', '"repository"'),
  );

describe("a finding merged from several targets", () => {
  const e = lockfiles("frontend/package-lock.json", "package-lock.json");

  it("is one blocking finding that knows both targets", () => {
    expect(e.blocking.map((f) => f.targets)).toEqual([
      ["frontend/package-lock.json", "package-lock.json"],
    ]);
  });

  it("names every target in the text, Markdown and SARIF rows", () => {
    const both = "frontend/package-lock.json, package-lock.json";
    const row = render(e, "text")
      .split("\n")
      .find((l) => l.includes("CVE-2024-37890"));
    expect(row).toMatch(new RegExp(`${both}$`));
    expect(render(e, "markdown")).toContain(`| ${both} |`);
    const sarif = JSON.parse(render(e, "sarif"));
    const result = sarif.runs[0].results[0];
    expect(result.message.text).toMatch(new RegExp(`Target: ${both}$`));
    expect(result.locations[0].message.text).toBe(both);
  });

  it("names three and counts the rest", () => {
    const many = lockfiles(
      "a/package-lock.json",
      "b/package-lock.json",
      "c/package-lock.json",
      "d/package-lock.json",
      "e/package-lock.json",
    );
    expect(render(many, "text")).toContain(
      "a/package-lock.json, b/package-lock.json, c/package-lock.json and 2 more",
    );
    const json = JSON.parse(render(many, "json"));
    expect(json.blocking[0].target).toBe("a/package-lock.json");
    expect(json.blocking[0].targets).toHaveLength(5);
  });
});
