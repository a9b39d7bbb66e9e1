import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { type ChildRun, canRunUnprivileged, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
// As root the tests need setpriv, and the unprivileged user must reach node and the built CLI
// (a checkout under a private home folder cannot be run as nobody): otherwise they skip.
const canDrop = canRunUnprivileged();

const tmp = useTempDir("alpinize-fs-errors-", { mode: 0o755 });

/**
 * The file belongs to the user the CLI runs as (nobody): what fails is the folder, not the
 * owner check that refuses another user's file.
 */
function ownedByNobody(path: string): void {
  chmodSync(path, 0o666);
  if (process.getuid?.() === 0) chownSync(path, 65534, 65534);
}

/** Runs the built CLI as an unprivileged user (root ignores file permissions), in the temp dir. */
function run(args: string[]): ChildRun {
  return runUnprivileged(args, {
    cwd: tmp.dir,
    env: { ...process.env, NO_COLOR: "1", HOME: tmp.dir },
  });
}

function put(path: string, text: string): string {
  const full = join(tmp.dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe.skipIf(!canDrop)("filesystem errors are reported per file", () => {
  it("an unreadable Dockerfile is reported by name, the others still handled, exit 2", () => {
    put("ok/Dockerfile", DEBIAN);
    chmodSync(put("locked/Dockerfile", DEBIAN), 0o000);
    for (const dir of [tmp.dir, join(tmp.dir, "ok"), join(tmp.dir, "locked")])
      chmodSync(dir, 0o755);
    const migrate = run(["migrate", "--alpine", "3.23", "--check", "."]);
    expect(migrate.stderr).not.toMatch(/internal error/);
    expect(migrate.stderr).toMatch(/locked\/Dockerfile: cannot read \(EACCES\)/);
    expect(migrate.stdout).toContain("ok/Dockerfile: would change");
    expect(migrate.code).toBe(2);
    const check = run(["check", "."]);
    expect(check.stderr).not.toMatch(/internal error/);
    expect(`${check.stdout}${check.stderr}`).toMatch(/locked\/Dockerfile: cannot read \(EACCES\)/);
    expect(check.code).toBe(2);
  });

  it("an unreadable folder is named, not skipped, by check and migrate DIR (exit 2)", () => {
    put("ok/Dockerfile", DEBIAN);
    put("locked/Dockerfile", DEBIAN);
    for (const dir of [tmp.dir, join(tmp.dir, "ok")]) chmodSync(dir, 0o755);
    chmodSync(join(tmp.dir, "locked"), 0o000);
    const unreadable = /locked\/: cannot read this directory \(EACCES\)/;
    for (const args of [
      ["check", "."],
      ["migrate", "--alpine", "3.23", "."],
      ["migrate", "--alpine", "3.23", "--check", "."],
    ]) {
      const r = run(args);
      expect(r.stderr, args.join(" ")).toMatch(unreadable);
      expect(r.code, args.join(" ")).toBe(2);
    }
    const json = run(["check", ".", "--json"]);
    expect(JSON.parse(json.stdout)).toContainEqual(
      expect.objectContaining({ file: "locked/", rule: "unparsable" }),
    );
    const direct = run(["check", "locked"]);
    expect(direct.stderr).toMatch(/^error locked: cannot read this directory \(EACCES\)/m);
    expect(direct.stderr).not.toContain("alpinize.config.json");
    expect(direct.code).toBe(2);
  });

  it("a write failure leaves that file unchanged, writes the others, exit 2", () => {
    put("a/Dockerfile", DEBIAN);
    put("b/Dockerfile", DEBIAN);
    put("c/Dockerfile", DEBIAN);
    chmodSync(tmp.dir, 0o755);
    for (const d of ["a", "c"]) chmodSync(join(tmp.dir, d), 0o777);
    chmodSync(join(tmp.dir, "b"), 0o555);
    for (const d of ["a", "b", "c"]) ownedByNobody(join(tmp.dir, d, "Dockerfile"));
    const r = run(["migrate", "--alpine", "3.23", "--write", "."]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/b\/Dockerfile: cannot write \(EACCES\); left unchanged/);
    expect(r.code).toBe(2);
    expect(readFileSync(join(tmp.dir, "a/Dockerfile"), "utf8")).toContain("FROM alpine:3.23");
    expect(readFileSync(join(tmp.dir, "b/Dockerfile"), "utf8")).toBe(DEBIAN);
    expect(readFileSync(join(tmp.dir, "c/Dockerfile"), "utf8")).toContain("FROM alpine:3.23");
  });
});

describe.skipIf(!canDrop)("the report after a failed write", () => {
  it("lists the file that could not be written as left untouched, not as changed", () => {
    put("a/Dockerfile", DEBIAN);
    put("b/Dockerfile", DEBIAN);
    chmodSync(join(tmp.dir, "a"), 0o777);
    chmodSync(join(tmp.dir, "b"), 0o555);
    for (const d of ["a", "b"]) ownedByNobody(join(tmp.dir, d, "Dockerfile"));
    const r = run(["migrate", "--alpine", "3.23", "--write", ".", "--report", "a/M.md"]);
    expect(r.code).toBe(2);
    const report = readFileSync(join(tmp.dir, "a/M.md"), "utf8");
    expect(report).toContain(
      "Changes written by `alpinize migrate`: 2 file(s) examined (2 Dockerfile(s), 0 script(s)), 1 changed, 1 could not be written; 1 left untouched.",
    );
    expect(report).toMatch(
      /## Files left untouched\n\n.*\n\n- `b\/Dockerfile`: b\/Dockerfile: cannot write \(EACCES\); left unchanged/,
    );
    expect(report).toMatch(
      /### `b\/Dockerfile`\n\n\*\*Not written:\*\* b\/Dockerfile: cannot write/,
    );
    expect(report).not.toMatch(/### `a\/Dockerfile`\n\n\*\*Not written/);
  });

  it("fails before touching any file when the report's folder is not writable", () => {
    put("a/Dockerfile", DEBIAN);
    chmodSync(join(tmp.dir, "a"), 0o777);
    chmodSync(join(tmp.dir, "a/Dockerfile"), 0o666);
    mkdirSync(join(tmp.dir, "ro"), { mode: 0o555 });
    chmodSync(join(tmp.dir, "ro"), 0o555);
    const r = run(["migrate", "--alpine", "3.23", "--write", ".", "--report", "ro/M.md"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /cannot write the report to .*ro\/M\.md \(permission denied: this user may not make files in .*ro, where the output is written through a temp file\); nothing was written\n {2}Permission denied: make the file and its directory writable/,
    );
    // Neither Node's text nor the probe file's name.
    expect(r.stderr).not.toMatch(/EACCES|\.alpinize-report-|open '/);
    expect(readFileSync(join(tmp.dir, "a/Dockerfile"), "utf8")).toBe(DEBIAN);
  });
});

describe("symbolic links", () => {
  const ENTRY = 'FROM debian:bookworm-slim\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n';
  const SCRIPT = '#!/bin/bash\nuseradd -r app\nexec "$@"\n';

  it("a symlinked entrypoint is not followed nor replaced by --write", async () => {
    mkdirSync(join(tmp.dir, "real"));
    writeFileSync(join(tmp.dir, "real/entry.sh"), SCRIPT);
    symlinkSync("real/entry.sh", join(tmp.dir, "entry.sh"));
    put("Dockerfile", ENTRY);
    const r = await runCli(["migrate", "--alpine", "3.23", "--write", tmp.dir]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/entry\.sh: symbolic link; skipped/);
    // The image runs it: not migrated, so the run is not complete (as check says of it).
    expect(r.code).toBe(2);
    const json = await runCli(["migrate", "--alpine", "3.23", "--json", tmp.dir]);
    expect(JSON.parse(json.stdout).skipped).toEqual([
      expect.objectContaining({ file: "entry.sh" }),
    ]);
    expect(readFileSync(join(tmp.dir, "real/entry.sh"), "utf8")).toBe(SCRIPT);
    expect(spawnSync("test", ["-L", join(tmp.dir, "entry.sh")]).status).toBe(0);
  });

  it("one leading out of the build context is a context warning, not a skipped link (exit 0), and untouched", async () => {
    const outside = mkdtempSync(join(tmpdir(), "alpinize-outside-"));
    try {
      const target = join(outside, "entry.sh");
      writeFileSync(target, SCRIPT);
      symlinkSync(target, join(tmp.dir, "entry.sh"));
      put("Dockerfile", ENTRY);
      const r = await runCli(["migrate", "--alpine", "3.23", "--write", tmp.dir]);
      expect(r.stderr).not.toMatch(/internal error|symbolic link; skipped/);
      // Docker does not copy it either: the build's problem, as a script missing from the context.
      expect(r.stderr).toMatch(
        /Dockerfile:2:1 \[context\] entry\.sh leads outside the build context/,
      );
      expect(r.code).toBe(0);
      const json = await runCli(["migrate", "--alpine", "3.23", "--json", tmp.dir]);
      expect(JSON.parse(json.stdout).skipped).toEqual([]);
      expect(readFileSync(target, "utf8")).toBe(SCRIPT);
      expect(spawnSync("test", ["-L", join(tmp.dir, "entry.sh")]).status).toBe(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
