import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canRunUnprivileged, isRoot, runUnprivileged } from "./test-support/nobody.js";
import { useTempDir } from "./test-support/temp-dir.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
const SCRIPT = '#!/bin/sh\nset -e\ngroupadd -g 1001 app\nexec gosu app "$@"\n';
// Root may write any file: as root the CLI runs as nobody through setpriv, which must reach node
// and the built CLI; otherwise the tests skip.
const canDrop = canRunUnprivileged();

// A folder anyone may write: a rename over the read-only file would succeed here.
const tmp = useTempDir("alpinize-read-only-", { mode: 0o777 });

function run(args: string[]): { code: number | null; out: string } {
  const r = runUnprivileged(args, {
    cwd: tmp.dir,
    env: { ...process.env, NO_COLOR: "1", HOME: tmp.dir },
  });
  return { code: r.code, out: `${r.stdout}${r.stderr}` };
}

/** A file with mode 0444, owned by the test's user (tmp.dir, when the CLI runs as nobody). */
function readOnly(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  chmodSync(path, 0o444);
  return path;
}

function unchanged(path: string, text: string): void {
  expect(readFileSync(path, "utf8")).toBe(text);
  expect(statSync(path).mode & 0o7777).toBe(0o444);
}

describe.skipIf(!canDrop)("--write refuses a file this user may not write (mode 0444)", () => {
  it("migrate FILE --write", () => {
    const file = readOnly("Dockerfile", DEBIAN);
    const r = run(["migrate", "--alpine", "3.23", "--write", "Dockerfile"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("cannot write (read-only for this user (mode 0444)); left unchanged");
    // The hint follows the errno code (EACCES), with the command's alternative after it.
    expect(r.out).toContain(
      "Permission denied: make the file and its directory writable for this user (ls -ld shows who may write), or write elsewhere; or drop --write and apply the printed diff yourself.",
    );
    unchanged(file, DEBIAN);
  });

  it("migrate DIR --write", () => {
    const file = readOnly("Dockerfile", DEBIAN);
    const r = run(["migrate", "--alpine", "3.23", "--write", "."]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("Dockerfile: cannot write (read-only for this user); left unchanged");
    // What to do, on the line after it.
    expect(r.out).toContain(
      "left unchanged\n  Make the file writable (chmod u+w FILE) if it should be migrated, or run as its owner.\n",
    );
    unchanged(file, DEBIAN);
  });

  it("entrypoint --write", () => {
    const file = readOnly("entry.sh", SCRIPT);
    const r = run(["entrypoint", "--write", "entry.sh"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      "entry.sh: cannot write (read-only for this user (mode 0444)); left unchanged",
    );
    expect(r.out).toContain("Permission denied: make the file and its directory writable");
    unchanged(file, SCRIPT);
    // The error names the script and its own code (not the shims library's).
    const j = run(["entrypoint", "--write", "--json", "entry.sh"]);
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.out.slice(0, j.out.lastIndexOf("}") + 1)) as {
      error?: { code?: string; file?: string };
    };
    expect(doc.error?.code).toBe("ALPINIZE_ENTRYPOINT_WRITE");
    expect(doc.error?.file).toContain("entry.sh");
    unchanged(file, SCRIPT);
  });

  it("shims print --output and migrate --report", () => {
    const shims = readOnly("shims.sh", "old\n");
    const s = run(["shims", "print", "--output", "shims.sh"]);
    expect(s.code).toBe(2);
    expect(s.out).toContain(
      "alpinize shims print: cannot write shims.sh (read-only for this user (mode 0444)); nothing was written",
    );
    unchanged(shims, "old\n");
    writeFileSync(join(tmp.dir, "Dockerfile"), DEBIAN);
    const report = readOnly("report.md", "old\n");
    const m = run(["migrate", "--alpine", "3.23", "--report", "report.md", "."]);
    expect(m.code).toBe(2);
    expect(m.out).toContain(
      "report.md (permission denied: report.md is not writable for this user); nothing was written",
    );
    expect(m.out).not.toMatch(/EACCES|\.alpinize-report-/);
    unchanged(report, "old\n");
  });
});

describe.skipIf(!isRoot || !canDrop)(
  "--write refuses another user's file it could rename over",
  () => {
    it("migrate DIR --write leaves root's 0666 Dockerfile, and its owner, as they were", () => {
      const file = join(tmp.dir, "Dockerfile");
      writeFileSync(file, DEBIAN);
      chmodSync(file, 0o666);
      const r = run(["migrate", "--alpine", "3.23", "--write", "."]);
      expect(r.code).toBe(2);
      expect(r.out).toContain("Dockerfile: cannot write");
      expect(r.out).toContain("rewriting it would change its owner");
      expect(r.out).toContain(
        "left unchanged\n  Run alpinize as the file's owner (uid 0) or as root, or run without --write and apply the changes yourself.\n",
      );
      expect(r.out).not.toContain("ALPINIZE_WRITE_NOT_OWNER");
      expect(readFileSync(file, "utf8")).toBe(DEBIAN);
      expect(statSync(file).uid).toBe(0);
    });
  },
);
