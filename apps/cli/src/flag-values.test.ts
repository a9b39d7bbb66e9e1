import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

// A tester's flag values with a newline were printed raw in the error (a second, forged line),
// and `--alpine 3.23 --alpine 3.22` or `--format json --format sarif` kept the last silently.

const dir = mkdtempSync(join(tmpdir(), "alpinize-flag-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "Dockerfile"), "FROM debian:12\nRUN apt-get install -y curl\n");
writeFileSync(join(dir, "e.sh"), '#!/bin/sh\nexec gosu app "$@"\n');
writeFileSync(join(dir, "r.json"), '{"SchemaVersion": 2, "Results": []}');
const cli = (...args: string[]) => runCli(args, { cwd: dir, env: { HOME: "/nonexistent" } });

describe("a flag value with a newline in an error message", () => {
  it.each([
    [
      ["migrate", "--alpine", "3.2\n3", "Dockerfile"],
      '--alpine needs a release like 3.23, not "3.2\\x0a3"',
    ],
    [
      ["migrate", "--gosu", "keep\nx", "Dockerfile"],
      '--gosu needs keep or su-exec, not "keep\\x0ax"',
    ],
    [["gate", "--severity", "HIGH\nX", "r.json"], '--severity "HIGH\\x0aX": expected'],
    [["gate", "--format", "json\nx", "r.json"], '--format "json\\x0ax": unknown format; expected'],
    [["entrypoint", "--source", "/x\ny", "e.sh"], 'shim source path "/x\\ny" is not'],
    [["shims", "pr\nint"], 'unknown subcommand "pr\\x0aint"'],
  ])("%j stays on one line", async (args, shown) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(shown);
    // The message is one line, its hint the next: no line starts with the forged text.
    expect(r.stderr.split("\n").filter((l) => /^(3|x|X|y|int)\b/.test(l))).toEqual([]);
  });
});

describe("a single-value flag given twice", () => {
  it.each([
    [
      ["migrate", "--alpine", "3.23", "--alpine", "3.22", "Dockerfile"],
      "migrate",
      "alpine",
      '"3.23", then "3.22"',
    ],
    [
      ["gate", "--format", "json", "--format", "sarif", "r.json"],
      "gate",
      "format",
      '"json", then "sarif"',
    ],
    [
      ["check", "--config=a.json", "--config", "b.json", "."],
      "check",
      "config",
      '"a.json", then "b.json"',
    ],
    [
      ["entrypoint", "--source", "/a", "--source", "/b", "e.sh"],
      "entrypoint",
      "source",
      '"/a", then "/b"',
    ],
    [
      ["packages", "map", "--alpine", "3.21", "--alpine", "3.22", "curl"],
      "packages map",
      "alpine",
      '"3.21", then "3.22"',
    ],
    [
      ["shims", "print", "--output", "a", "--output", "b"],
      "shims print",
      "output",
      '"a", then "b"',
    ],
  ])("%j is a usage error naming the flag (exit 2)", async (args, command, flag, values) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    // The prefix once (it was doubled: "alpinize migrate: alpinize migrate: …"), and the
    // flag's own hint, not the generic one.
    expect(r.stderr).toBe(
      `error alpinize ${command}: --${flag} is given more than once (${values}); it takes one value\n` +
        `  Give --${flag} once. Run "alpinize ${command} --help".\n`,
    );
    expect(r.stdout).toBe("");
  });

  it("a flag documented as repeatable may repeat, and a switch too", async () => {
    const uses = await cli("packages", "map", "curl", "--uses", "curl", "--uses", "wget");
    expect(uses.stderr).not.toContain("more than once");
    expect(uses.code).toBe(0);
    const json = await cli("migrate", "--json", "--json", join(dir, "Dockerfile"));
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toBeTruthy();
  });
});
