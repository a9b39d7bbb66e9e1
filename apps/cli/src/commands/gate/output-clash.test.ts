import { linkSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { alpineImageReport } from "../../test-support/trivy-report.js";

const REPORT = alpineImageReport([
  {
    VulnerabilityID: "CVE-2026-1",
    PkgName: "zlib",
    InstalledVersion: "1.0-r0",
    FixedVersion: "1.1-r0",
    Status: "fixed",
    Severity: "HIGH",
  },
]);
const EXCEPTIONS = "- id: CVE-2026-1\n  reason: kept by hand\n  expires: 2026-12-31\n";
const VEX = JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements: [] });

const tmp = useTempDir("alpinize-gate-clash-");
const put = (name: string, text: string) => writeFileSync(join(tmp.dir, name), text);
const read = (name: string) => readFileSync(join(tmp.dir, name), "utf8");
const gate = (...args: string[]) => runCli(["gate", ...args], { cwd: tmp.dir });

function inputs(): void {
  put("rep.json", REPORT);
  put("base.json", REPORT);
  put("exc.yaml", EXCEPTIONS);
  put("vex.json", VEX);
}

describe("gate --output naming a file the gate reads", () => {
  it.each([
    [["rep.json", "--output", "rep.json"], "rep.json", "the report"],
    [["rep.json", "--baseline", "base.json", "--output", "base.json"], "base.json", "baseline"],
    [
      ["rep.json", "--exceptions", "exc.yaml", "--output", "exc.yaml", "--format", "sarif"],
      "exc.yaml",
      "--exceptions",
    ],
    [["rep.json", "--vex", "vex.json", "--output", "./vex.json"], "vex.json", "--vex"],
  ])("%j exits 2 and leaves every input as it was", async (args, clobbered, role) => {
    inputs();
    const before = read(clobbered);
    const r = await gate(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a file the gate reads; nothing was written");
    expect(r.stderr).toContain(role);
    expect(read(clobbered)).toBe(before);
  });

  it("sees a symbolic link to the report given as the report, or as --output", async () => {
    inputs();
    symlinkSync("rep.json", join(tmp.dir, "link.json"));
    const viaInput = await gate("link.json", "--output", "rep.json");
    expect([viaInput.code, read("rep.json")]).toEqual([2, REPORT]);
    expect(viaInput.stderr).toContain("--output rep.json is the report link.json");
    const viaOutput = await gate("rep.json", "--output", "link.json");
    expect([viaOutput.code, read("rep.json")]).toEqual([2, REPORT]);
  });

  it("sees a hard link to the report (the same device and inode)", async () => {
    inputs();
    linkSync(join(tmp.dir, "rep.json"), join(tmp.dir, "hard.json"));
    const r = await gate("rep.json", "--output", "hard.json");
    expect(r.code).toBe(2);
    expect(read("rep.json")).toBe(REPORT);
  });

  it("still writes a file the gate does not read", async () => {
    inputs();
    const r = await gate("rep.json", "--exceptions", "exc.yaml", "--output", "gate.txt");
    expect(r.code).toBe(0);
    expect(read("gate.txt")).toContain("alpinize gate: PASS");
  });
});
