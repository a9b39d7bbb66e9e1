import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  'if ! getent group "$GID" >/dev/null 2>&1; then',
  '  groupadd -g "$GID" docker 2>/dev/null || true',
  "  usermod -aG docker app 2>/dev/null || true",
  "fi",
  "stat --format=%g /x",
  'exec gosu app "$@"',
  "",
].join("\n");

describe("alpinize entrypoint", () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-entrypoint-cli-"));
    file = join(dir, "docker-entrypoint.sh");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("prints a diff, lint findings and leaves the file alone", async () => {
    await writeFile(file, SCRIPT);
    const r = await runCli(["entrypoint", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`--- a/${file.slice(1)}`);
    expect(r.stdout).toContain(
      '+  alpinize_ensure_group docker "$GID" 2>/dev/null >/dev/null || true',
    );
    expect(r.stdout).toContain('+{ alpinize_exec_as app "$@" || exit; }');
    expect(r.stderr).toContain(`error ${file}:7:6 [gnu-option] busybox stat has no --format`);
    expect(r.stderr).toContain("would make 4 edit(s), 1 finding(s) left to fix by hand");
    expect(await readFile(file, "utf8")).toBe(SCRIPT);
  });

  it("--check exits 1 while changes are needed; --write rewrites atomically keeping the mode", async () => {
    await writeFile(file, SCRIPT.replace("stat --format=%g /x", "stat -c %g /x"));
    await chmod(file, 0o750);
    expect((await runCli(["entrypoint", file, "--check"])).code).toBe(1);
    const w = await runCli(["entrypoint", file, "--write", "--source", "/opt/shims.sh"]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe("");
    const out = await readFile(file, "utf8");
    expect(out).toContain("\n. /opt/shims.sh\n");
    expect((await stat(file)).mode & 0o777).toBe(0o750);
    expect((await readdir(dir)).filter((n) => n.includes(".tmp"))).toEqual([]);
    execFileSync("dash", ["-n", file]);
    const again = await runCli(["entrypoint", file, "--check"]);
    expect(again).toMatchObject({ code: 0, stdout: "" });
  });

  it("--json reports edits, warnings and findings; --inline copies the library", async () => {
    await writeFile(file, SCRIPT);
    const r = await runCli(["entrypoint", file, "--json", "--inline"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ file, changed: true, source: "inline" });
    expect(doc.edits.map((e: { rule: string }) => e.rule)).toEqual([
      "source-shims",
      "groupadd",
      "usermod-append",
      "gosu",
    ]);
    expect(doc.findings).toEqual([
      expect.objectContaining({ rule: "gnu-option", line: 7, column: 6, severity: "error" }),
    ]);
    expect((await runCli(["entrypoint", file, "--check"])).code).toBe(1);
  });

  it("exits 2 on bad input and bad usage", async () => {
    const missing = await runCli(["entrypoint", join(dir, "nope.sh")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
    expect((await runCli(["entrypoint"])).code).toBe(2);
    expect((await runCli(["entrypoint", file, "--write", "--check"])).code).toBe(2);
    expect((await runCli(["entrypoint", file, "--inline", "--source", "/x"])).code).toBe(2);
    const badPath = await runCli(["entrypoint", file, "--source", "relative/x.sh"]);
    expect(badPath.code).toBe(2);
    expect(badPath.stderr).toContain("not an absolute path");
    expect((await runCli(["entrypoint", dir])).code).toBe(2);
  });

  it("refuses a CRLF script with exit 2 and leaves it alone, even with --write", async () => {
    const crlf = SCRIPT.replace(/\n/g, "\r\n");
    await writeFile(file, crlf);
    const r = await runCli(["entrypoint", file, "--write"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}: the script has CRLF (Windows) line endings, first on line 1`,
    );
    expect(r.stderr).toContain("dos2unix");
    expect(await readFile(file, "utf8")).toBe(crlf);
    expect((await runCli(["entrypoint", file, "--check", "--json"])).code).toBe(2);
  });

  it("exits 2 on a script the shell cannot parse, and leaves it alone", async () => {
    const broken = '#!/bin/sh\necho "unclosed\n';
    await writeFile(file, broken);
    const r = await runCli(["entrypoint", file, "--write"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("[syntax]");
    expect(await readFile(file, "utf8")).toBe(broken);
  });

  it("reads devices and pipes only up to the limit, and an unreadable file is bad input", async () => {
    const zero = await runCli(["entrypoint", "/dev/zero"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("over 1 MiB");
    // Root reads any file whatever its mode; /proc/self/mem fails to read at offset 0 for anyone.
    const mem = await runCli(["entrypoint", "/proc/self/mem"]);
    expect(mem.code).toBe(2);
    expect(mem.stderr).toContain("/proc/self/mem: cannot read (EIO)");
  });
});
