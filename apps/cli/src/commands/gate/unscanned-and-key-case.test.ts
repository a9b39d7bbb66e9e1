import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// Two ways a report passed the gate without proving the image clean: an OS named but never
// scanned for vulnerabilities (exit 1, like an undetected OS), and a key Trivy reads in any
// letter case that the gate skipped (`results`: exit 2, the key named).

// An edge release: no end-of-support date ever applies, so the verdict does not change with
// the run date (a dated release would add an EOSL problem once its support ends).
const os = { OS: { Family: "alpine", Name: "3.21_alpha20240807" } };
const top = { SchemaVersion: 2, ArtifactName: "x", ArtifactType: "container_image", Metadata: os };
const crit = {
  VulnerabilityID: "CVE-2026-1",
  PkgName: "zlib",
  InstalledVersion: "1.0-r0",
  FixedVersion: "1.1-r0",
  Status: "fixed",
  Severity: "CRITICAL",
};
const osResult = (extra: object = {}) => ({
  Target: "x (alpine 3.21_alpha20240807)",
  Class: "os-pkgs",
  Type: "alpine",
  ...extra,
});

describe("alpinize gate: an OS named but not scanned", () => {
  const tmp = useTempDir("alpinize-gate-unscanned-", { scope: "all" });
  const write = (name: string, doc: object) => {
    writeFileSync(join(tmp.dir, name), JSON.stringify(doc));
    return name;
  };
  const gate = (...args: string[]) => runCli(["gate", ...args], { cwd: tmp.dir });

  it.each([
    ["no Results", top],
    ["a secret result only", { ...top, Results: [{ Target: "app/.env", Class: "secret" }] }],
  ])("%s: exit 1, in every format, with what to do", async (label, doc) => {
    const file = write(`${label.replace(/\W+/g, "-")}.json`, doc);
    const text = await gate(file);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("FAIL");
    expect(text.stdout).toMatch(
      /Trivy detected alpine 3\.21_alpha20240807 but the report has no OS packages/,
    );
    expect(text.stdout).toContain("--scanners vuln");
    const md = await gate(file, "--format", "markdown");
    expect(md.code).toBe(1);
    expect(md.stdout).not.toContain("No vulnerabilities found");
    const json = await gate(file, "--format", "json");
    expect(json.code).toBe(1);
    const verdict = JSON.parse(json.stdout) as { passed: boolean; problems: { code: string }[] };
    expect([verdict.passed, verdict.problems.map((p) => p.code)]).toEqual([
      false,
      ["os-not-scanned"],
    ]);
    expect((await gate(file, "--allow-unknown-os")).code).toBe(1);
  });

  it("a clean scan (its OS packages result, no findings) still passes", async () => {
    const r = await gate(write("clean.json", { ...top, Results: [osResult()] }));
    expect([r.code, r.stdout.includes("PASS")]).toEqual([0, true]);
  });
});

describe("alpinize gate: a key in another letter case", () => {
  const tmp = useTempDir("alpinize-gate-key-case-", { scope: "all" });
  const blocking = { ...top, Results: [osResult({ Vulnerabilities: [crit] })] };
  const gate = (name: string, text: string, ...args: string[]) => {
    writeFileSync(join(tmp.dir, name), text);
    return runCli(["gate", name, ...args], { cwd: tmp.dir });
  };

  it("the report as Trivy spells it blocks (exit 1)", async () => {
    expect((await gate("ok.json", JSON.stringify(blocking))).code).toBe(1);
  });

  it.each([
    ["Results", "results", "results"],
    ["Vulnerabilities", "vulnerabilities", "Results[0].vulnerabilities"],
    ["Severity", "severity", "Results[0].Vulnerabilities[0].severity"],
    ["Family", "FAMILY", "Metadata.OS.FAMILY"],
  ])(
    "%s written %s: exit 2 naming the key, its path and Trivy's spelling",
    async (key, to, path) => {
      const text = JSON.stringify(blocking).replace(`"${key}":`, `"${to}":`);
      const r = await gate(`${to}.json`, text);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `${path}: key "${to}" is not spelt as Trivy writes it: expected "${key}"`,
      );
      expect(r.stderr).toContain(`rename the key to "${key}"`);
      const json = await gate(`${to}.json`, text, "--format", "json");
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({
        passed: false,
        error: { code: "ALPINIZE_GATE_REPORT_INVALID", path, key: to, expected: key },
        findings: [],
      });
    },
  );
});

describe("alpinize gate: null where Trivy leaves a field out", () => {
  const tmp = useTempDir("alpinize-gate-null-", { scope: "all" });
  const gate = (name: string, doc: object, ...args: string[]) => {
    writeFileSync(join(tmp.dir, name), JSON.stringify(doc));
    return runCli(["gate", name, ...args], { cwd: tmp.dir });
  };

  it.each([
    ["Results[0].Vulnerabilities", { ...top, Results: [osResult({ Vulnerabilities: null })] }],
    ["Results", { ...top, Results: null }],
    ["Metadata.OS", { ...top, Metadata: { OS: null }, Results: [osResult()] }],
  ])("%s: null is exit 2 naming the path, not a pass", async (path, doc) => {
    const r = await gate("null.json", doc, "--allow-eosl");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain(`null.json: ${path}: expected an`);
    expect(r.stderr).toContain("found null (Trivy leaves an empty field out");
  });

  it("a legacy report (Trivy < 0.20) with Vulnerabilities: null is a clean target", async () => {
    const legacy = [
      { Target: "x (alpine 3.21_alpha20240807)", Type: "alpine", Vulnerabilities: null },
    ];
    const r = await gate("legacy.json", legacy);
    expect([r.code, r.stdout.includes("PASS")]).toEqual([0, true]);
  });
});
