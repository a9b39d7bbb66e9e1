import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";
import { useTempDir } from "./test-support/temp-dir.js";

// A tester met Node's own parser messages ("Option '--alpine <value>' argument missing"), and
// `migrate --gosu D1` answered "no Dockerfile given": --gosu had taken D1 as its value.

// A Dockerfile D1 and a report r.json: the operands a flag may take as its value.
const tmp = useTempDir("alpinize-usage-words-");
beforeEach(() => {
  writeFileSync(join(tmp.dir, "D1"), "FROM debian:12\n");
  writeFileSync(join(tmp.dir, "r.json"), '{"SchemaVersion": 2, "Results": []}');
});
const cli = (...args: string[]) => runCli(args, { cwd: tmp.dir, env: { HOME: "/nonexistent" } });

describe("a flag whose value is missing is worded by the CLI (exit 2)", () => {
  it.each([
    [["migrate", "D1", "--alpine"], "migrate", "--alpine", "alpine"],
    [["gate", "r.json", "--format"], "gate", "--format", "format"],
    [["gate", "r.json", "--severity"], "gate", "--severity", "severity"],
    [["gate", "r.json", "--output"], "gate", "--output", "output"],
    [["entrypoint", "D1", "--source"], "entrypoint", "--source", "source"],
    [["shims", "print", "-o"], "shims print", "-o", "output"],
    [["packages", "map", "curl", "--alpine"], "packages map", "--alpine", "alpine"],
  ])("%j", async (args, command, flag, name) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error alpinize ${command}: ${flag} needs a value, and nothing follows it\n` +
        `  Give the value right after it: ${flag} VALUE (--${name}=VALUE for a value that starts with -). Run "alpinize ${command} --help" for what it takes.\n`,
    );
  });

  it("a flag followed by another flag, a switch given a value, an unknown flag", async () => {
    const ambiguous = await cli("migrate", "D1", "--alpine", "--json");
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      "error alpinize migrate: --alpine needs a value, but --json follows it, a flag\n",
    );
    expect(JSON.parse(ambiguous.stdout).errors[0].code).toBe("ALPINIZE_USAGE");
    const valued = await cli("migrate", "D1", "--json=1");
    expect(valued.stderr).toContain(
      "error alpinize migrate: --json takes no value, but was given one (--json=1)\n  Write --json alone.",
    );
    const unknown = await cli("pin", "--source", "D1");
    expect(unknown.stderr).toBe(
      "error alpinize pin: unknown option --source\n" +
        '  Run "alpinize pin --help" for its options. A file whose name starts with - goes after --: alpinize pin -- --source.\n',
    );
    for (const r of [ambiguous, valued, unknown]) {
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/Option '|Unknown option '/);
    }
  });
});

describe("a flag that took the operand as its value", () => {
  it("migrate --gosu D1 says what --gosu wants, and where the file goes", async () => {
    const r = await cli("migrate", "--gosu", "D1");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error alpinize migrate: --gosu needs keep or su-exec, not "D1"\n' +
        `  Put the mode after --gosu: alpinize migrate --gosu su-exec "D1" (keep leaves a gosu release download as it is; su-exec installs Alpine's su-exec instead).\n`,
    );
  });

  it.each([
    [["migrate", "--report", "D1"], "migrate", "no Dockerfile given", "report", "D1"],
    [["pin", "--kind", "D1"], "pin", "give at least one file", "kind", "D1"],
    [
      ["gate", "--output", "r.json"],
      "gate",
      "give a report file (or - for stdin), or --image REF",
      "output",
      "r.json",
    ],
    [["entrypoint", "--source", "./D1"], "entrypoint", "no script given", "source", "./D1"],
    [
      ["packages", "map", "--uses", "curl"],
      "packages map",
      "give at least one Debian package name",
      "uses",
      "curl",
    ],
  ])("%j names the flag", async (args, command, missing, flag, value) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error alpinize ${command}: ${missing}: --${flag} took "${value}" as its value\n` +
        `  --${flag} takes a value of its own: alpinize ${command} --${flag} VALUE "${value}". Run "alpinize ${command} --help" for what it takes.\n`,
    );
  });

  it("a value that does not look like the operand keeps the plain message", async () => {
    const gosu = await cli("migrate", "--gosu", "suexec");
    expect(gosu.stderr).toContain("alpinize migrate --gosu su-exec FILE");
    const report = await cli("migrate", "--report", "nothing-here");
    expect(report.stderr).toBe(
      "error alpinize migrate: no Dockerfile given\n  Run alpinize migrate path/to/Dockerfile (or - for standard input).\n",
    );
    const inline = await cli("migrate", "--report=D1");
    expect(inline.stderr).not.toContain("took");
  });
});
