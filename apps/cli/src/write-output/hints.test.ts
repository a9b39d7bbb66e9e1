import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../test-helpers.js";
import { writeFailureHint } from "../write-output.js";
import { sh, useWriteDir } from "./test-support.js";

const errno = (code: string) => Object.assign(new Error(code), { code });
const OTHERWISE = { otherwise: "Check the path." };

describe("the hint for a failed write follows its errno code", () => {
  it("a full disk, a permission, a missing directory and a read-only mount each get their own", () => {
    const hints = ["ENOSPC", "EACCES", "ENOENT", "EROFS", "EISDIR"].map((code) =>
      writeFailureHint(errno(code), OTHERWISE),
    );
    expect(hints[0]).toMatch(/^The disk is full: free some space/);
    expect(hints[1]).toMatch(/^Permission denied: make the file and its directory writable/);
    expect(hints[2]).toMatch(/does not exist: create it \(mkdir -p\)/);
    expect(hints[3]).toMatch(/mounted read-only/);
    expect(hints[4]).toMatch(/is a directory: give a file path/);
    expect(new Set(hints).size).toBe(hints.length);
  });

  it("offers the command's alternative after it, and falls back for a code it has no hint for", () => {
    expect(writeFailureHint(errno("ENOSPC"), { ...OTHERWISE, instead: "do y" })).toBe(
      "The disk is full: free some space on it, or write to another disk; or do y.",
    );
    expect(writeFailureHint(errno("ECHANGED"), OTHERWISE)).toBe("Check the path.");
    expect(writeFailureHint(new Error("no code"), OTHERWISE)).toBe("Check the path.");
  });
});

describe.skipIf(!existsSync("/dev/full"))("--output /dev/full says the disk is full", () => {
  const tmp = useWriteDir();

  it("shims print and gate: exit 2, a full-disk hint, not the missing-directory one", async () => {
    for (const argv of [
      ["shims", "print", "--output", "/dev/full"],
      ["gate", "report.json", "--output", "/dev/full"],
    ]) {
      const r = await runCli(argv, { cwd: tmp.dir });
      expect([argv, r.code]).toEqual([argv, 2]);
      // Both word it as migrate --report does, not with Node's code.
      expect(r.stderr).toContain("(no space left on /dev/full)");
      expect(r.stderr).not.toContain("ENOSPC");
      expect(r.stderr).toContain("The disk is full: free some space");
      expect(r.stderr).not.toContain("exists and is writable");
    }
  });

  it("a missing directory gets the mkdir hint", async () => {
    const r = await runCli(["gate", "report.json", "--output", join("no-dir", "out.txt")], {
      cwd: tmp.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /\(no-dir: no such folder\); nothing was written\n {2}Make no-dir first \(mkdir -p no-dir\)/,
    );
  });
});

describe("migrate DIR --write that cannot write a file", () => {
  const tmp = useWriteDir();

  it("gives the hint for its errno code (a file size limit: EFBIG)", () => {
    // Over 4 KiB: `ulimit -f 8` (512-byte blocks) stops the temp file half way.
    const padding = "# a comment line that makes this Dockerfile larger than the limit\n".repeat(
      80,
    );
    const text = `FROM debian:12\n${padding}RUN apt-get update && apt-get install -y curl\n`;
    writeFileSync(join(tmp.dir, "Dockerfile"), text);
    const r = sh(tmp.dir, "ulimit -f 8; exec $A migrate --write --alpine 3.23 .");
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /Dockerfile: cannot write \(EFBIG\); left unchanged\n {2}The file would be larger than this process may write \(ulimit -f\)/,
    );
    expect(readFileSync(join(tmp.dir, "Dockerfile"), "utf8")).toBe(text);
    // No temp file is left beside it.
    expect(readdirSync(tmp.dir).sort()).toEqual(["Dockerfile", "report.json"]);
  });
});
