import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

// A tester's `packages map --uses ''` answered as if --uses was not given, and `migrate - -`
// printed the diff twice while `check - -` counted 2 files.

const dir = mkdtempSync(join(tmpdir(), "alpinize-empty-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "Dockerfile"), "FROM debian:12\n");
writeFileSync(join(dir, "compose.yaml"), "services:\n  a:\n    image: 127.0.0.1:1/x:1\n");
const cli = (...args: string[]) => runCli(args, { cwd: dir, env: { HOME: "/nonexistent" } });

describe("an empty flag value (an unset variable)", () => {
  it.each([
    [["packages", "map", "curl", "--uses", ""], "packages map", "uses"],
    [["packages", "explain", "curl", "--uses", " "], "packages explain", "uses"],
    [["pin", "--check", "compose.yaml", "--via", ""], "pin", "via"],
    [["pin", "compose.yaml", "--insecure-registry", ""], "pin", "insecure-registry"],
    [["migrate", ".", "--report", ""], "migrate", "report"],
    [["check", ".", "--config", ""], "check", "config"],
    [["gate", "r.json", "--vex", ""], "gate", "vex"],
  ])("%j is a usage error naming the flag (exit 2)", async (args, command, flag) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `alpinize ${command}: --${flag} was given an empty value (an unset variable?)`,
    );
    expect(r.stdout).toBe("");
  });

  it("--uses naming no command at all is refused too", async () => {
    const r = await cli("packages", "map", "curl", "--uses", " , ");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--uses names no command");
  });
});

describe("an empty operand (an unset variable)", () => {
  it.each([
    [["migrate", "", "--write"], "migrate", "path"],
    [["migrate", ".", " "], "migrate", "path"],
    [["check", ""], "check", "path"],
    [["pin", ""], "pin", "path"],
    [["entrypoint", ""], "entrypoint", "path"],
    [["gate", ""], "gate", "report path"],
    [["resolve", ""], "resolve", "image reference"],
    [["packages", "map", ""], "packages map", "package name"],
    [["shims", ""], "shims", "subcommand"],
  ])("%j is a usage error before any work (exit 2)", async (args, command, name) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `alpinize ${command}: the ${name} is empty (an unset variable?); give `,
    );
    expect(r.stdout).toBe("");
    // Not taken as the current directory: its Dockerfile was not migrated.
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe("FROM debian:12\n");
  });
});

describe("- (standard input) given twice", () => {
  it.each([["migrate"], ["check"]])("%s - - exits 2 before reading anything", async (command) => {
    const r = await cli(command, "-", "-");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`alpinize ${command}: - (standard input) is given more than once`);
    expect(r.stdout).toBe("");
  });
});
