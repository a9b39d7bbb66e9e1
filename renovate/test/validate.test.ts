import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetFiles } from "./lab/presets.js";
import { findRenovate, PRESET_DIR, type RenovateInstall } from "./lab/renovate-install.js";
import { run } from "./lab/run.js";

let install: RenovateInstall;
let scratch = "";

beforeAll(async () => {
  install = findRenovate();
  scratch = await mkdtemp(join(tmpdir(), "alpinize-validate-"));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** `renovate-config-validator --strict --no-global FILE`: repo-config rules, warnings fail. */
function validate(file: string) {
  return run(install.node, [install.validator, "--strict", "--no-global", file], {
    env: { ...process.env, LOG_LEVEL: "info" },
  });
}

describe("renovate-config-validator --strict", () => {
  const files = presetFiles();

  it("finds the presets", () => {
    expect(files.map((f) => f.name).sort()).toEqual([
      "alpine-line.json",
      "annotated-images.json",
      "default.json",
      "digests.json",
    ]);
  });

  it.each(files.map((f) => [f.name, f.path]))("accepts %s", async (_name, path) => {
    const result = await validate(path);
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(0);
    expect(output).toContain("Config validated successfully");
  });

  it("rejects a preset that needs migration (so --strict is really on)", async () => {
    const path = join(scratch, "old.json");
    await writeFile(
      path,
      JSON.stringify({ packageRules: [{ matchPackagePatterns: ["^alpine$"] }] }),
    );
    const result = await validate(path);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain("matchPackageNames");
  });

  it("rejects a regex that RE2, Renovate's regex engine, cannot run", async () => {
    // Passes only when Renovate's native RE2 module loads (install-renovate.sh builds it for
    // Node 24); the JavaScript fallback would accept the lookahead that users' Renovate rejects.
    const path = join(scratch, "lookahead.json");
    const manager = {
      customType: "regex",
      managerFilePatterns: ["/\\.sh$/"],
      matchStrings: ["image=(?<depName>[a-z]+):(?<currentValue>[0-9.]+)(?=\\s)"],
      datasourceTemplate: "docker",
    };
    await writeFile(path, JSON.stringify({ customManagers: [manager] }));
    const result = await validate(path);
    expect(result.stdout + result.stderr).not.toContain("RE2 not usable");
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain("Invalid regExp");
  });
});

describe("relative extends, as Renovate resolves them for a github> consumer", () => {
  it("default's ./ entries become the sibling files at the same repository and tag", async () => {
    const script = join(PRESET_DIR, "test", "lab", "resolve-relative.mjs");
    const parent = "github>OWNER/REPO//renovate/default#v1.2.0";
    const args = [script, dirname(install.renovate), parent, join(PRESET_DIR, "default.json")];
    const result = await run(install.node, args);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      "github>OWNER/REPO//renovate/digests#v1.2.0",
      "github>OWNER/REPO//renovate/alpine-line#v1.2.0(3)",
      "github>OWNER/REPO//renovate/annotated-images#v1.2.0",
    ]);
  });
});
