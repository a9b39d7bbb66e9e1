import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-report-cred-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DIGEST = `sha256:${"ab".repeat(32)}`;
const report = join(tmp, "report.json");
writeFileSync(
  report,
  JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "u:S3CRETART@127.0.0.1:9/x:1",
    ArtifactType: "container_image",
    Metadata: {
      OS: { Family: "alpine", Name: "3.22.2" },
      RepoDigests: [`127.0.0.1:9/x@${DIGEST}`],
    },
    Results: [
      {
        Target: "https://u:S3CRETTGT@127.0.0.1:9/x:1 (alpine 3.22.2)",
        Class: "os-pkgs",
        Type: "alpine",
        Vulnerabilities: [
          {
            VulnerabilityID: "CVE-2026-1",
            PkgName: "libssl3",
            InstalledVersion: "3.5.4-r0",
            FixedVersion: "3.5.5-r0",
            Status: "fixed",
            Severity: "HIGH",
            PrimaryURL: "https://avd.example/cve-2026-1?access_token=S3CRETQ",
          },
        ],
      },
    ],
  }),
);
// A statement about another image: the gate warns, naming this report's image.
const vex = join(tmp, "vex.json");
writeFileSync(
  vex,
  JSON.stringify({
    "@context": "https://openvex.dev/ns/v0.2.0",
    "@id": "https://example.invalid/vex/1",
    author: "test",
    timestamp: "2026-11-01T00:00:00Z",
    version: 1,
    statements: [
      {
        vulnerability: { name: "CVE-2026-1" },
        products: [{ "@id": `pkg:oci/x@sha256%3A${"cd".repeat(32)}` }],
        status: "not_affected",
        justification: "component_not_present",
      },
    ],
  }),
);

describe("gate masks credentials the report carries, in every format and warning", () => {
  it.each(["text", "markdown", "json", "sarif"])("--format %s", async (format) => {
    const r = await runCli(["gate", report, "--vex", vex, "--format", format]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("VEX statement for another image ignored");
    expect(r.stdout + r.stderr).not.toContain("S3CRET");
    expect(r.stdout).toContain("CVE-2026-1");
  });
});
