import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

describe("alpinize CLI entry", () => {
  it("prints help listing every command", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const name of [
      "migrate",
      "check",
      "packages",
      "resolve",
      "pin",
      "entrypoint",
      "shims",
      "gate",
    ]) {
      expect(r.stdout).toContain(`  ${name}`);
    }
  });

  it("prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 on an unknown command, with a next step", async () => {
    const r = await runCli(["migrat"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "migrat".*--help/);
  });

  // A tester found `alpinize frob --json` print no document, while `alpinize packages frob
  // --json` prints {error}: the top level now does the same.
  it("prints one {error} document for an unknown command or option under --json", async () => {
    const plain = await runCli(["frob"]);
    const r = await runCli(["frob", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(plain.stderr);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: "ALPINIZE_USAGE",
        message: 'alpinize: unknown command "frob"',
        hint: 'Run "alpinize --help" for the list of commands.',
      },
    });
    const option = await runCli(["--bogus", "--json"]);
    expect(option.code).toBe(2);
    expect(JSON.parse(option.stdout).error.message).toBe('alpinize: unknown option "--bogus"');
    const help = await runCli(["help", "frob", "--json"]);
    expect(JSON.parse(help.stdout).error.code).toBe("ALPINIZE_USAGE");
    // After --, --json is an operand: no document.
    expect((await runCli(["frob", "--", "--json"])).stdout).toBe("");
    expect(plain.stdout).toBe("");
  });

  it("exits 2 on an unknown option before the command, saying option, not command", async () => {
    const r = await runCli(["--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option "--bogus".*alpinize --help/);
    expect(r.stderr).not.toMatch(/unknown command/);
    const escaped = await runCli(["x\u001b]0;t\u0007"]);
    expect(escaped.stderr).toContain('unknown command "x\\x1b]0;t\\x07"');
  });

  it("exits 2 and prints usage when called with nothing", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage: alpinize");
    expect(r.stdout).toBe("");
  });

  it("prints the version after any command, with --version or -v, before any --", async () => {
    const top = (await runCli(["--version"])).stdout;
    for (const argv of [
      ["migrate", "--version"],
      ["check", "-v"],
      ["resolve", "alpine:3.23", "--version"],
      ["pin", "--version"],
      ["entrypoint", "-v"],
      ["shims", "print", "--version"],
      ["gate", "--version"],
      ["packages", "--version"],
      ["packages", "map", "-v"],
    ]) {
      const r = await runCli(argv);
      expect([argv, r.code, r.stdout, r.stderr]).toEqual([argv, 0, top, ""]);
    }
    // After --, -v is an operand (here a file that does not exist), not the flag.
    const operand = await runCli(["migrate", "--", "-v"]);
    expect(operand.code).toBe(2);
    expect(operand.stdout).toBe("");
  });

  it("help UNKNOWN and --help UNKNOWN are the unknown-command error, exit 2", async () => {
    const plain = await runCli(["frob"]);
    for (const argv of [
      ["help", "frob"],
      ["--help", "frob"],
      ["-h", "frob"],
    ]) {
      const r = await runCli(argv);
      expect([argv, r.code, r.stdout, r.stderr]).toEqual([argv, 2, "", plain.stderr]);
    }
    expect(plain.stderr).toMatch(/unknown command "frob"/);
  });

  it("--help COMMAND and -h COMMAND show that command's help, like help COMMAND", async () => {
    const migrate = await runCli(["help", "migrate"]);
    expect(migrate.stdout).toContain("alpinize migrate");
    for (const argv of [
      ["--help", "migrate"],
      ["-h", "migrate"],
      ["migrate", "--help"],
    ]) {
      const r = await runCli(argv);
      expect([argv, r.code, r.stdout]).toEqual([argv, 0, migrate.stdout]);
    }
    const top = (await runCli(["--help"])).stdout;
    expect(migrate.stdout).not.toBe(top);
    expect((await runCli(["help", "help"])).stdout).toBe(top);
    expect((await runCli(["--help", "--version"])).stdout).toBe(top);
  });

  it("exits 2 when --version gets arguments", async () => {
    const r = await runCli(["--version", "extra"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/takes no arguments/);
  });

  it("--version with --json prints one {version} document, at the top and after a command alike", async () => {
    const plain = (await runCli(["--version"])).stdout.trim();
    for (const argv of [
      ["--version", "--json"],
      ["-v", "--json"],
      ["--json", "--version"],
      ["--json", "-v"],
      ["migrate", "--json", "--version"],
      ["migrate", "--version", "--json"],
      ["check", "x", "--json", "-v"],
    ]) {
      const r = await runCli(argv);
      expect([argv, r.code, r.stderr]).toEqual([argv, 0, ""]);
      expect(JSON.parse(r.stdout)).toEqual({ version: plain });
    }
    // After --, --json is an operand: the version stays plain.
    expect((await runCli(["migrate", "--version", "--", "--json"])).stdout.trim()).toBe(plain);
  });

  it("--json=VALUE with --version is exit 2, as --json=VALUE is for every command", async () => {
    for (const argv of [
      ["migrate", "--json=true", "--version"],
      ["check", "-v", "--json=false"],
      ["--version", "--json=true"],
      ["--json=true", "--version"],
    ]) {
      const r = await runCli(argv);
      expect([argv, r.code, r.stdout]).toEqual([argv, 2, ""]);
    }
    const r = await runCli(["migrate", "--json=true", "--version"]);
    expect(r.stderr).toContain("--json takes no value, but was given one (--json=true)");
    expect((await runCli(["migrate", "--json=true", "Dockerfile"])).stderr).toContain(
      "--json takes no value, but was given one (--json=true)",
    );
  });

  it("--json=VALUE before or after a top-level --version says --json takes no value", async () => {
    const words = "alpinize: --json takes no value, but was given one (--json=1)";
    for (const argv of [
      ["--version", "--json=1"],
      ["--json=1", "--version"],
      ["-v", "--json=1"],
      ["--json=1", "-v"],
    ]) {
      const r = await runCli(argv);
      expect([argv, r.code, r.stdout]).toEqual([argv, 2, ""]);
      expect(r.stderr).toBe(`${words}. Write --json alone: "alpinize --version --json".\n`);
    }
    // With a plain --json as well, the {error} document says the same.
    const both = await runCli(["--json", "--json=1", "--version"]);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stdout).error).toMatchObject({ code: "ALPINIZE_USAGE", message: words });
  });

  it("--version=VALUE and --help=VALUE say the flag takes no value, at the top and after a command", async () => {
    for (const [argv, words] of [
      [["--version=1"], "alpinize: --version takes no value, but was given one (--version=1)"],
      [["--help=1"], "alpinize: --help takes no value, but was given one (--help=1)"],
      [["migrate", "--version=1"], "alpinize migrate: --version takes no value"],
      [["check", "x", "--help="], "alpinize check: --help takes no value"],
    ] as const) {
      const r = await runCli([...argv]);
      expect([argv, r.code, r.stdout]).toEqual([argv, 2, ""]);
      expect(r.stderr).toContain(words);
    }
  });

  // `-h=1` read as the switches -h, -= and -1 was "unknown option -h", a flag every command takes.
  it("-h=VALUE and -v=VALUE say the flag takes no value too, at the top and after a command", async () => {
    for (const [argv, words] of [
      [
        ["-h=1"],
        'alpinize: -h takes no value, but was given one (-h=1). Write -h alone: "alpinize -h".',
      ],
      [
        ["-v="],
        'alpinize: -v takes no value, but was given one (-v=). Write -v alone: "alpinize -v".',
      ],
      [["migrate", "-h=1"], "alpinize migrate: -h takes no value, but was given one (-h=1)"],
      [["check", "x", "-v=yes"], "alpinize check: -v takes no value, but was given one (-v=yes)"],
      [["shims", "print", "-h=1"], "alpinize shims print: -h takes no value"],
    ] as const) {
      const r = await runCli([...argv]);
      expect([argv, r.code, r.stdout]).toEqual([argv, 2, ""]);
      expect(r.stderr).toContain(words);
      expect(r.stderr).not.toContain("unknown option");
    }
    // After --, it is an operand (a file of that name), not the flag.
    const operand = await runCli(["migrate", "--", "-h=1"]);
    expect(operand.stderr).toContain("-h=1: no such file");
  });

  it("-o=FILE is refused rather than naming the file =FILE", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alpinize-short-equals-"));
    const r = await runCli(["shims", "print", "-o=out.sh"], { cwd: dir });
    const bare = await runCli(["shims", "print", "-o="], { cwd: dir });
    const written = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(written).toEqual([]);
    expect([r.code, bare.code]).toEqual([2, 2]);
    expect(r.stderr).toContain(
      'alpinize shims print: -o=out.sh would give -o the value "=out.sh", with its =',
    );
    expect(r.stderr).toContain("Write -o out.sh or --output=out.sh");
    expect(bare.stderr).toContain("Write -o VALUE or --output=VALUE");
  });

  it("--version with another argument and --json is exit 2 with the {error} document", async () => {
    const r = await runCli(["--version", "extra", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/takes no arguments but --json/);
    expect(JSON.parse(r.stdout).error.code).toBe("ALPINIZE_USAGE");
  });
});

describe("error messages", () => {
  it("escape control characters a file name carries into the message", async () => {
    const r = await runCli(["migrate", "/nonexistent/x\u001b]0;pwned\u0007"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).toContain("x\\x1b]0;pwned\\x07");
  });
});
