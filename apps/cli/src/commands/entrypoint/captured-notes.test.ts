import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  "x=$(groupadd -g 1016 g); groupadd -g 1021 z",
  "if ! out=$(useradd -u 1018 -g 1016 -d /app -s /bin/sh u 2>&1); then exit 1; fi",
  "",
].join("\n");

describe("alpinize entrypoint on a shadow call whose output the script captures", () => {
  let dir = "";
  let file = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-captured-"));
    file = join(dir, "e.sh");
    await writeFile(file, SCRIPT);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("says at each call's line and column that it was left, and why", async () => {
    const r = await runCli(["entrypoint", file, "--check"]);
    expect(r.code).toBe(1);
    const left = r.stderr.split("\n").filter((l) => l.includes("leaves this call as written"));
    expect(left).toEqual([
      expect.stringMatching(/^error \S+:3:5 \[shadow-tool\] groupadd is not on Alpine .*\$\( \)/),
      expect.stringMatching(/^error \S+:4:12 \[shadow-tool\] useradd is not on Alpine .*2>&1/),
    ]);
    expect(r.stderr).toContain("2 finding(s) left to fix by hand");
  });

  it("--json lists them among the findings, with the specific fix", async () => {
    const r = await runCli(["entrypoint", file, "--json"]);
    const doc = JSON.parse(r.stdout) as {
      findings: Array<{ rule: string; line: number; column: number; fix: string }>;
    };
    const shadow = doc.findings.filter((f) => f.rule === "shadow-tool");
    expect(shadow.map((f) => `${f.line}:${f.column}`)).toEqual(["3:5", "4:12"]);
    expect(shadow[0]?.fix).toContain("which makes it alpinize_ensure_group g 1016;");
  });
});
