import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// Trivy writes the OS packages result's Type from the OS it detected, as Metadata.OS.Family.
// A result with no Type is malformed (exit 2); one of another OS than the report names shows
// the named OS was not scanned (exit 1, like an OS named but not scanned).

// An edge release: no end-of-support date ever applies, so the verdict does not change with
// the run date (a dated release would add an EOSL problem once its support ends).
const top = {
  SchemaVersion: 2,
  ArtifactName: "x",
  ArtifactType: "container_image",
  Metadata: { OS: { Family: "alpine", Name: "3.21_alpha20240807" } },
};
const osResult = (extra: object = {}) => ({
  Target: "x (alpine 3.21_alpha20240807)",
  Class: "os-pkgs",
  Type: "alpine",
  ...extra,
});

describe("alpinize gate: the OS packages result's Type", () => {
  const tmp = useTempDir("alpinize-gate-os-type-", { scope: "all" });
  const gate = (name: string, doc: object, ...args: string[]) => {
    writeFileSync(join(tmp.dir, name), JSON.stringify(doc));
    return runCli(["gate", name, ...args], { cwd: tmp.dir });
  };

  it("missing: exit 2 naming the result, in text and JSON", async () => {
    const doc = { ...top, Results: [osResult({ Type: undefined })] };
    const r = await gate("untyped.json", doc);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Results[0].Type: an OS packages result (Class "os-pkgs") with no Type',
    );
    const json = await gate("untyped.json", doc, "--format", "json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      passed: false,
      error: { code: "ALPINIZE_GATE_REPORT_INVALID", path: "Results[0].Type" },
    });
  });

  it("another OS than Metadata.OS: exit 1 naming both, whatever the flags", async () => {
    const doc = { ...top, Results: [osResult({ Type: "debian" })] };
    const r = await gate("mismatch.json", doc);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL");
    expect(r.stdout).toContain('Metadata.OS.Family "alpine"');
    expect(r.stdout).toContain('has Type "debian"');
    const json = await gate("mismatch.json", doc, "--format", "json");
    const verdict = JSON.parse(json.stdout) as { problems: { code: string }[] };
    expect([json.code, verdict.problems.map((p) => p.code)]).toEqual([1, ["os-type-mismatch"]]);
    expect((await gate("mismatch.json", doc, "--allow-unknown-os", "--allow-eosl")).code).toBe(1);
  });

  it("equal to the family, as Trivy writes it: a clean scan passes", async () => {
    const r = await gate("clean.json", { ...top, Results: [osResult()] });
    expect([r.code, r.stdout.includes("PASS")]).toEqual([0, true]);
  });
});
