import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { alpineImageReport } from "../../test-support/trivy-report.js";
import { loadReport } from "./input.js";

// Inputs written here for these tests: one CRITICAL, fixable finding in ghcr.io/acme/x:1.
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-closed-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => {
  writeFileSync(join(tmp, name), text);
  return name;
};

const vuln = {
  VulnerabilityID: "CVE-2026-1",
  PkgName: "zlib",
  InstalledVersion: "1.0-r0",
  FixedVersion: "1.1-r0",
  Status: "fixed",
  Severity: "CRITICAL",
  PkgIdentifier: { PURL: "pkg:apk/alpine/zlib@1.0-r0?arch=x86_64" },
};
const REPORT = alpineImageReport([vuln], "ghcr.io/acme/x:1", {
  Metadata: {
    OS: { Family: "alpine", Name: "3.23.0" },
    RepoDigests: [`ghcr.io/acme/x@sha256:${"ab".repeat(32)}`],
  },
});
const crit = file("crit.json", REPORT);
const vexOf = (statement: object) =>
  JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements: [statement] });
const notAffected = (id: string, extra: object = {}) => ({
  vulnerability: { name: "CVE-2026-1" },
  products: [{ "@id": id }],
  status: "not_affected",
  justification: "vulnerable_code_not_present",
  ...extra,
});
const gate = (...args: string[]) => runCli(["gate", ...args], { cwd: tmp });

describe("alpinize gate fails closed", () => {
  it("finding 2: a VEX statement for another image does not pass the gate, and says so", async () => {
    file("vex-other.json", vexOf(notAffected("pkg:oci/totally-different-image@sha256%3Aabc")));
    const r = await gate(crit, "--vex", "vex-other.json");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("VEX statement for another image ignored");
    expect(r.stdout).toContain("VEX not applied");
    file("vex-same.json", vexOf(notAffected("pkg:oci/x?repository_url=ghcr.io/acme/x")));
    const same = await gate(crit, "--vex", "vex-same.json");
    expect([same.code, same.stdout.includes("1 suppressed by VEX")]).toEqual([0, true]);
  });

  it("--format markdown shows every warning stderr gets (a PR comment has no stderr)", async () => {
    file("vex-away.json", vexOf(notAffected("pkg:oci/totally-different-image@sha256%3Aabc")));
    const args = ["--vex", "vex-away.json", "--severity-source", "nvdd"];
    const text = await gate(crit, ...args);
    const md = await gate(crit, ...args, "--format", "markdown");
    expect(md.code).toBe(1);
    const warned = text.stderr.split("\n").filter((l) => /^warning /.test(l));
    expect(warned).toHaveLength(2);
    const box = md.stdout.slice(md.stdout.indexOf("> [!WARNING]")).split("\n\n")[0]!;
    // One paragraph per warning, as stderr has one line each.
    expect(box.split("\n>\n")).toHaveLength(warned.length);
    expect(box).toContain('severity source "nvdd" appears in no finding');
    expect(box).toContain("vex-away.json statements\\[0\\]");
  });

  it("finding 3: an invalid VEX timestamp is exit 2 naming the statement", async () => {
    file("vex-badts.json", vexOf(notAffected("pkg:apk/alpine/zlib", { timestamp: "zzz" })));
    const r = await gate(crit, "--vex", "vex-badts.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("vex-badts.json: statements[0].timestamp:");
  });

  it("finding 4: --severity HIGH blocks CRITICAL and prints the effective policy", async () => {
    const r = await gate(crit, "--severity", "HIGH");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("policy: blocks HIGH and above");
    expect(r.stdout).not.toContain("below the threshold");
    const json = JSON.parse((await gate(crit, "--severity", "HIGH", "--format", "json")).stdout);
    expect(json.blocking[0].disposition).toBe("blocking");
    expect(json.counts.byDisposition["below-threshold"]).toBe(0);
    expect(json.policy.severities).toEqual(["HIGH", "CRITICAL"]);
    expect((await gate(crit, "--severity", "HIGH,CRITICAL")).code).toBe(1);
  });

  it("finding 6: a duplicate key is exit 2 with its JSON path", async () => {
    const dup = file(
      "dupkey-vulns.json",
      REPORT.replace('"Vulnerabilities":[', '"Vulnerabilities":[],"Vulnerabilities":['),
    );
    const r = await gate(dup);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Results[0].Vulnerabilities: duplicate key "Vulnerabilities"');
  });

  it("finding 7: an unknown misconfiguration Status is exit 2", async () => {
    const doc = JSON.parse(REPORT);
    doc.Results.push({
      Target: "Dockerfile",
      Class: "config",
      Type: "dockerfile",
      Misconfigurations: [{ ID: "DS002", Title: "root", Severity: "CRITICAL", Status: "FAILED" }],
    });
    const r = await gate(file("misconf.json", JSON.stringify(doc)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Results[1].Misconfigurations[0].Status: unknown misconfiguration status "FAILED"',
    );
    // Another letter case of FAIL is FAIL, as a severity's is: it blocks (exit 1).
    doc.Results[1].Misconfigurations[0].Status = "Fail";
    expect((await gate(file("misconf-case.json", JSON.stringify(doc)))).code).toBe(1);
  });

  it("finding 14: UTF-16 and directories are named, with what to do", async () => {
    const utf16 = file(
      "utf16.json",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, "utf16le")]),
    );
    const r = await gate(utf16);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "utf16.json: report is UTF-16; re-save as UTF-8 (PowerShell: -Encoding utf8)",
    );
    mkdirSync(join(tmp, "adir"), { recursive: true });
    const dir = await gate("adir");
    expect([dir.code, dir.stderr.includes("adir: is a directory: give the report file")]).toEqual([
      2,
      true,
    ]);
    const vexDir = await gate(crit, "--vex", "adir");
    expect([
      vexDir.code,
      vexDir.stderr.includes("adir: is a directory: give the VEX document"),
    ]).toEqual([2, true]);
    const exUtf16 = file(
      "ex16.yaml",
      Buffer.from("- {id: CVE-2026-1, reason: r, expires: 2027-01-01}\n", "utf16le"),
    );
    const ex = await gate(crit, "--exceptions", exUtf16);
    expect([ex.code, ex.stderr.includes("exceptions file is UTF-16")]).toEqual([2, true]);
  });

  it.each([["--vex"], ["--exceptions"], ["--output"], ["--baseline"]])(
    "finding 14: an empty %s is a usage error",
    async (flag) => {
      const r = await gate(crit, flag, "");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag} was given an empty value`);
    },
  );

  it("finding 14: --max-size takes decimal sizes with K, M, G units only", async () => {
    for (const bad of ["0x10", "1e3", "-5", "10 MB", "0", "Infinity"]) {
      const r = await gate(crit, `--max-size=${bad}`);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toContain(`--max-size "${bad}"`);
    }
    for (const good of ["1", "0.5", "600K", "1MiB", "1 GiB"])
      expect((await gate(crit, "--max-size", good)).code, good).toBe(1);
    const small = await gate(crit, "--max-size", "0.1K");
    expect([small.code, small.stderr.includes("over the")]).toEqual([2, true]);
  });

  it("a negative --max-size as a separate word is a size error, not an ambiguous flag", async () => {
    for (const bad of ["-1", "-0.5", "-5M"]) {
      const r = await gate(crit, "--max-size", bad);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toContain(`--max-size "${bad}": expected a positive decimal size`);
      expect(r.stderr, bad).not.toContain("ambiguous");
    }
    // After --, a word is a path, not a value of --max-size.
    const r = await gate("--max-size", "1", "--", crit);
    expect(r.code).toBe(1);
  });

  it("finding 14: an exception more than a year ahead applies, with a warning", async () => {
    const far = file("ex-far.yaml", "- {id: CVE-2026-1, reason: r, expires: 9999-12-31}\n");
    const r = await gate(crit, "--exceptions", far);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("expires 9999-12-31, more than a year ahead");
  });
});

describe("--sarif-category", () => {
  it.each([
    ["a newline", "alpinize-gate/x\nother", "alpinize-gate/x\\x0aother"],
    ["an ESC", "cat\u001b[2J", "cat\\x1b[2J"],
    ["a carriage return", "cat\r", "cat\\x0d"],
    ["a line separator", "cat\u2028x", "cat\\u2028x"],
  ])("with %s is a usage error", async (_what, category, shown) => {
    for (const format of ["sarif", "json"]) {
      const r = await gate(crit, "--format", format, "--sarif-category", category);
      expect(r.code, format).toBe(2);
      expect(r.stderr).toContain(`--sarif-category "${shown}": control characters and line breaks`);
      if (format === "sarif") expect(r.stdout).toBe("");
    }
  });

  it("a plain category is used as given", async () => {
    const r = await gate(crit, "--format", "sarif", "--sarif-category", "alpinize-gate/x y");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).runs[0].automationDetails.id).toBe("alpinize-gate/x y/");
  });
});

describe("ArtifactType outside Trivy's set", () => {
  it("exits 2 naming the known values, where it used to pass an empty report", async () => {
    for (const type of ["docker_image", "CONTAINER_IMAGE", "whatever"]) {
      const name = file(
        `type-${type}.json`,
        JSON.stringify({ SchemaVersion: 2, ArtifactType: type, Results: [] }),
      );
      const r = await runCli(["gate", name], { cwd: tmp });
      expect(r.code, type).toBe(2);
      expect(r.stderr).toContain(`ArtifactType: unknown artifact type "${type}"`);
      expect(r.stderr).toContain("container_image, filesystem, repository, cyclonedx, spdx");
      expect(r.stdout).toBe("");
    }
  });

  it("sizes read as KiB, on stdin too", async () => {
    const r = await runCli(["gate", crit, "--max-size", "0.1K"], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the report is \d+ bytes, over the 102 bytes limit/);
    const err = await loadReport("-", tmp, Readable.from([Buffer.alloc(2048, 32)]), 1024).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toBe("<stdin>: the report is over the 1 KiB limit");
  });
});
