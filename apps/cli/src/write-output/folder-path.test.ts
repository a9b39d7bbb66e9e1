import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../test-helpers.js";
import { OutputFolderPathError, writeOutput } from "../write-output.js";
import { useWriteDir } from "./test-support.js";

// A tester's `gate report.json --output dirx/` exited 0, said "text written to dirx/" and made
// a FILE dirx: resolving the path dropped its slash. A shell's `> dirx/` is refused instead.

const tmp = useWriteDir();
const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
const cli = (...args: string[]) => runCli(args, { cwd: tmp.dir });

describe("an output path written as a folder (out/) that is not one", () => {
  it("writeOutput refuses it and creates nothing, whatever is or is not there", () => {
    writeFileSync(join(tmp.dir, "file.txt"), "old\n");
    for (const path of ["dirx/", "dirx/.", "file.txt/", "/dev/stdout/"]) {
      expect(() => writeOutput(path, "x", { cwd: tmp.dir }), path).toThrow(OutputFolderPathError);
    }
    expect(readdirSync(tmp.dir).sort()).toEqual(["file.txt", "report.json"]);
    expect(readFileSync(join(tmp.dir, "file.txt"), "utf8")).toBe("old\n");
  });

  it("gate --output dirx/: exit 2, says the folder is missing, writes nothing", async () => {
    const r = await cli("gate", "report.json", "--output", "dirx/");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "dirx/: cannot write the output (the path ends in /, so it names a folder, and there is no such folder)",
    );
    expect(r.stderr).toContain("A path that ends in / names a folder: give a file path");
    expect(r.stderr).not.toContain("written to");
    expect(existsSync(join(tmp.dir, "dirx"))).toBe(false);
  });

  it("shims print --output shimdir/: exit 2, nothing written", async () => {
    const r = await cli("shims", "print", "--output", "shimdir/");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "alpinize shims print: cannot write shimdir/ (the path ends in /, so it names a folder",
    );
    expect(r.stderr).not.toContain("wrote");
    expect(existsSync(join(tmp.dir, "shimdir"))).toBe(false);
  });

  it("migrate DIR --write --report rep/: exit 2 before any file is written", async () => {
    mkdirSync(join(tmp.dir, "repo"));
    writeFileSync(join(tmp.dir, "repo", "Dockerfile"), DEBIAN);
    for (const report of ["rep/", "rep/."]) {
      const r = await cli("migrate", "repo", "--write", "--report", report);
      expect(r.code, report).toBe(2);
      expect(r.stderr).toMatch(
        /cannot write the report to .*\/rep\/ \(the path ends in \/\.?, so it names a folder, and there is no such folder\); nothing was written/,
      );
      expect(existsSync(join(tmp.dir, "rep")), report).toBe(false);
      expect(readFileSync(join(tmp.dir, "repo", "Dockerfile"), "utf8")).toBe(DEBIAN);
    }
  });

  it("an existing folder written either way is a folder (EISDIR), and a file under it is written", async () => {
    mkdirSync(join(tmp.dir, "out"));
    for (const path of ["out", "out/"]) {
      const r = await cli("gate", "report.json", "--output", path);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("(it is a folder)")]);
    }
    const ok = await cli("gate", "report.json", "--output", "out/gate.txt");
    expect(ok.code).toBe(1);
    expect(statSync(join(tmp.dir, "out", "gate.txt")).isFile()).toBe(true);
  });
});
