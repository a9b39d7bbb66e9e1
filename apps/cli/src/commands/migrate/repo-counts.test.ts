import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRoot, nobodyRunsCli, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// A tester ran as nobody on root's repo1/a/Dockerfile (mode 666, in root's folder) and
// repo1/b/Dockerfile (mode 000): the summary said "1 file(s) examined, 1 changed (0 written),
// 2 could not be read, parsed or written", and MIGRATION.md "Changes written … 2 left
// untouched" though nothing was written.

const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
const tmp = useTempDir("alpinize-repo-counts-", { mode: 0o777 });

describe.skipIf(!isRoot || !nobodyRunsCli())("migrate DIR --write when writes are refused", () => {
  it("counts each file once and says nothing was written, in the summary and the report", () => {
    for (const d of ["a", "b"]) {
      mkdirSync(join(tmp.dir, "repo1", d), { recursive: true });
      writeFileSync(join(tmp.dir, "repo1", d, "Dockerfile"), DEBIAN);
    }
    chmodSync(join(tmp.dir, "repo1"), 0o777);
    chmodSync(join(tmp.dir, "repo1", "a", "Dockerfile"), 0o666);
    chmodSync(join(tmp.dir, "repo1", "b", "Dockerfile"), 0o000);
    const args = ["migrate", "repo1", "--write", "--report", "repo1/MIGRATION.md"];
    const r = runUnprivileged(args, { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "alpinize migrate: 2 file(s) examined, 1 need changes (0 written, 1 could not be written), 1 could not be read or parsed; 2 left untouched, nothing was written; Alpine ",
    );
    const report = readFileSync(join(tmp.dir, "repo1", "MIGRATION.md"), "utf8");
    expect(report).toContain(
      "Nothing was written by `alpinize migrate`: 2 file(s) examined (1 Dockerfile(s), 0 script(s), 1 could not be read or parsed), 0 changed, 1 could not be written; 2 left untouched.",
    );
    expect(report).not.toContain("Changes written");
    expect(readFileSync(join(tmp.dir, "repo1", "a", "Dockerfile"), "utf8")).toBe(DEBIAN);
  });

  it("counts a run where some files were written", () => {
    for (const d of ["a", "b", "c"]) {
      mkdirSync(join(tmp.dir, "repo1", d), { recursive: true });
      writeFileSync(join(tmp.dir, "repo1", d, "Dockerfile"), DEBIAN);
      chmodSync(join(tmp.dir, "repo1", d), 0o777);
      chmodSync(join(tmp.dir, "repo1", d, "Dockerfile"), 0o666);
    }
    chmodSync(join(tmp.dir, "repo1"), 0o777);
    // a: root's 0666 file (replacing it would change its owner); c: nobody's, written.
    chownSync(join(tmp.dir, "repo1", "c", "Dockerfile"), 65534, 65534);
    chmodSync(join(tmp.dir, "repo1", "b", "Dockerfile"), 0o000);
    const r = runUnprivileged(["migrate", "repo1", "--write"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "alpinize migrate: 3 file(s) examined, 2 need changes (1 written, 1 could not be written), 1 could not be read or parsed; 2 left untouched; Alpine ",
    );
  });
});
