import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// groupadd -g 999 docker, then lookups by the name the rewrite leaves as written.
const script = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "getent group docker",
  "x=$(getent group docker | cut -d: -f3)",
  "y=`getent group docker`",
  "",
].join("\n");

describe("alpinize entrypoint on `getent group NAME` after groupadd -g", () => {
  it("prints the rewrite's warning and the lint's finding as one line per word", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-getent-"));
    try {
      const file = join(dir, "e.sh");
      await writeFile(file, script);
      const r = await runCli(["entrypoint", file, "--check"]);
      expect(r.code).toBe(1);
      const named = r.stderr.split("\n").filter((l) => l.includes("[group-name]"));
      expect(named.map((l) => /:(\d+:\d+) /.exec(l)?.[1])).toEqual(["3:14", "4:18", "5:17"]);
      expect(r.stderr).toContain("4 finding(s) left to fix by hand");
      const json = await runCli(["entrypoint", file, "--json"]);
      const doc = JSON.parse(json.stdout) as { findings: Array<{ rule: string; line: number }> };
      const left = doc.findings.filter((f) => f.rule === "group-name").map((f) => f.line);
      expect(left).toEqual([3, 4, 5]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
