import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// Found by a tester: an OS name with line breaks put `::error::…` on a stderr line of its own
// (a GitHub Actions workflow command), and OS packages with no OS family passed --strict-eosl.

const report = (os: object | undefined, type = "debian") => ({
  SchemaVersion: 2,
  ArtifactName: "x",
  ArtifactType: "container_image",
  Metadata: os ? { OS: os } : {},
  Results: [{ Target: "x (os)", Class: "os-pkgs", Type: type, Vulnerabilities: [] }],
});

describe("alpinize gate: end-of-life warnings from report text", () => {
  const tmp = useTempDir("alpinize-gate-eosl-text-", { scope: "all" });
  const gate = (body: object, ...args: string[]) => {
    writeFileSync(join(tmp.dir, "r.json"), JSON.stringify(body));
    return runCli(["gate", "r.json", ...args], { cwd: tmp.dir });
  };

  it("an OS name with line breaks stays on one stderr line", async () => {
    const r = await gate(
      report({ Family: "debian", Name: "12\n::error::injected\nalpinize gate: PASS" }),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("end-of-life status unknown");
    for (const line of r.stderr.split("\n")) expect(line).not.toMatch(/^::/);
    expect(r.stderr.split("\n").filter((l) => l.includes("injected"))).toHaveLength(1);
  });

  it("OS packages with Metadata.OS {}: a warning, and exit 1 with --strict-eosl", async () => {
    const body = report({}, "alpine");
    const loose = await gate(body);
    expect([loose.code, loose.stderr]).toEqual([
      0,
      expect.stringContaining("no Metadata.OS.Family"),
    ]);
    const strict = await gate(body, "--strict-eosl");
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("FAIL");
  });
});
