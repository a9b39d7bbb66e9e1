import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outputKind } from "../write-output.js";
import { IMPORT_SOURCES, makeDir, NODE_WITH_SOURCES, removeDir, sh } from "./test-support.js";

let dir: string;
beforeEach(() => {
  dir = makeDir();
});
afterEach(() => removeDir(dir));

describe("alpinize --output to stdout, pipes and appends (built CLI in a child)", () => {
  it("gate --output /dev/stdout with stdout piped sends the report down the pipe", () => {
    expect(outputKind("/dev/stdout")).toBe("own-fd");
    const r = sh(dir, "$A gate report.json --format json --output /dev/stdout");
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).passed).toBe(false);
    expect(r.stderr).toContain("json written to /dev/stdout");
  });

  it("a symlink to /proc/self/fd/1 in a temp dir reaches the pipe and stays a symlink", () => {
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    expect(outputKind(join(dir, "mystdout"))).toBe("own-fd");
    const r = sh(dir, "$A gate report.json --format json --output mystdout | wc -c");
    expect(Number(r.stdout.trim())).toBeGreaterThan(100);
    expect(lstatSync(join(dir, "mystdout")).isSymbolicLink()).toBe(true);
  });

  it("migrate DIR --report through a link to /proc/self/fd/1 reaches the pipe", () => {
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    mkdirSync(join(dir, "repo"));
    writeFileSync(
      join(dir, "repo", "Dockerfile"),
      "FROM debian:bookworm\nRUN apt-get install -y curl\n",
    );
    const r = sh(dir, "$A migrate repo --report mystdout");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Dockerfile");
    expect(r.stdout.length).toBeGreaterThan(300);
    expect(lstatSync(join(dir, "mystdout")).isSymbolicLink()).toBe(true);
  });

  it(">> keeps earlier content, through /dev/stdout and through a link to /proc/self/fd/1", () => {
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    writeFileSync(join(dir, "s.md"), "keep\n");
    let r = sh(dir, "$A gate report.json --format markdown --output /dev/stdout >> s.md");
    expect(r.status, r.stderr).toBe(1);
    r = sh(dir, "$A shims print --output mystdout >> s.md");
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "s.md"), "utf8");
    expect(text.startsWith("keep\n## ")).toBe(true);
    expect(text).toContain("alpinize gate failed");
    expect(text).toContain("alpinize_ensure_group");
    expect(lstatSync(join(dir, "s.md")).isFile()).toBe(true);
  });

  it("> into a file through /dev/fd/3 (opened for appending) holds exactly the output", () => {
    writeFileSync(join(dir, "early"), "early\n");
    const r = sh(dir, "$A shims print --output /dev/fd/3 3>>early");
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "early"), "utf8");
    expect(text.startsWith("early\n# alpinize shims")).toBe(true);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)(
    "writes into a FIFO and /dev/null, leaving both as they were",
    () => {
      const r = sh(
        dir,
        "mkfifo ff && { cat ff > got & $A shims print --output ff; wait; } && $A gate report.json --output /dev/null",
      );
      expect(r.status, r.stderr).toBe(1);
      expect(readFileSync(join(dir, "got"), "utf8")).toContain("alpinize_ensure_group");
      expect(lstatSync(join(dir, "ff")).isFIFO()).toBe(true);
      expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
      expect(r.stderr).toContain("text written to /dev/null");
    },
  );

  it("waits out a full, non-blocking stdout pipe instead of losing output", () => {
    // 1 MiB is far more than a pipe holds; the reader starts late, so writes meet EAGAIN.
    const script = `${IMPORT_SOURCES}
process.stdout;
writeOutput("-", "y".repeat(1 << 20));`;
    const node = NODE_WITH_SOURCES.map((a) => `"${a}"`).join(" ");
    const r = spawnSync(
      "sh",
      ["-c", `${node} --input-type=module -e '${script}' | (sleep 1; wc -c)`],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.trim())).toBe(1 << 20);
  });
});
