import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// Trivy omits Metadata.OS.EOSL unless it is true, so an old release without it passed.
// Releases chosen so the verdicts hold whenever the tests run: Alpine 3.14 ended in 2023, and
// an edge name never gets a support date.

const report = (name: string) => ({
  SchemaVersion: 2,
  ArtifactName: "x",
  ArtifactType: "container_image",
  Metadata: { OS: { Family: "alpine", Name: name } },
  Results: [{ Target: `x (alpine ${name})`, Class: "os-pkgs", Type: "alpine" }],
});

describe("alpinize gate: end of support without EOSL in the report", () => {
  const tmp = useTempDir("alpinize-gate-eosl-dates-", { scope: "all" });
  const gate = (name: string, ...args: string[]) => {
    writeFileSync(join(tmp.dir, "r.json"), JSON.stringify(report(name)));
    return runCli(["gate", "r.json", ...args], { cwd: tmp.dir });
  };

  it("an ended release: exit 1 naming the date; --allow-eosl accepts it", async () => {
    const r = await gate("3.14.0");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("support for alpine 3.14 ended on 2023-05-01");
    expect((await gate("3.14.0", "--allow-eosl")).code).toBe(0);
    const json = JSON.parse((await gate("3.14.0", "--json")).stdout);
    expect(json.osSupport).toEqual({
      status: "ended",
      source: "table",
      release: "3.14",
      ends: "2023-05-01",
    });
  });

  it("an unknown status: exit 0 with a warning on stderr; exit 1 with --strict-eosl", async () => {
    const r = await gate("3.21_alpha20240807");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("end-of-life status unknown");
    const strict = await gate("3.21_alpha20240807", "--strict-eosl", "--json");
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).problems.map((p: { code: string }) => p.code)).toEqual([
      "eosl-unknown",
    ]);
  });

  it("a release newer than the gate's table: the warning and the --strict-eosl failure say to update alpinize", async () => {
    const now = new Date("2026-12-06T12:00:00Z");
    writeFileSync(join(tmp.dir, "r.json"), JSON.stringify(report("3.25.0")));
    const r = await runCli(["gate", "r.json"], { cwd: tmp.dir, now });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("alpine 3.25 is newer than the gate's table");
    expect(r.stderr).toContain("update alpinize");
    const strict = await runCli(["gate", "r.json", "--strict-eosl"], { cwd: tmp.dir, now });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("update alpinize");
    writeFileSync(join(tmp.dir, "r.json"), JSON.stringify(report("3.24.1")));
    const known = await runCli(["gate", "r.json", "--strict-eosl"], { cwd: tmp.dir, now });
    expect([known.code, known.stderr]).toEqual([0, ""]);
  });

  it("--allow-eosl with --strict-eosl is a usage error (exit 2)", async () => {
    const r = await gate("3.14.0", "--allow-eosl", "--strict-eosl");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--allow-eosl and --strict-eosl exclude each other");
  });
});
