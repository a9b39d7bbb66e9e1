import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bounded, finished } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { outputKind } from "../write-output.js";
import { IMPORT_SOURCES, NODE_WITH_SOURCES, sh, useWriteDir } from "./test-support.js";

const tmp = useWriteDir();

describe("alpinize --output to stdout, pipes and appends (built CLI in a child)", () => {
  it("gate --output /dev/stdout with stdout piped sends the report down the pipe", () => {
    expect(outputKind("/dev/stdout")).toBe("own-fd");
    const r = sh(tmp.dir, "$A gate report.json --format json --output /dev/stdout");
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).passed).toBe(false);
    expect(r.stderr).toContain("json written to /dev/stdout");
  });

  it("a symlink to /proc/self/fd/1 in a temp dir reaches the pipe and stays a symlink", () => {
    symlinkSync("/proc/self/fd/1", join(tmp.dir, "mystdout"));
    expect(outputKind(join(tmp.dir, "mystdout"))).toBe("own-fd");
    const r = sh(tmp.dir, "$A gate report.json --format json --output mystdout | wc -c");
    expect(Number(r.stdout.trim())).toBeGreaterThan(100);
    expect(lstatSync(join(tmp.dir, "mystdout")).isSymbolicLink()).toBe(true);
  });

  it("migrate DIR --report through a link to /proc/self/fd/1 reaches the pipe", () => {
    symlinkSync("/proc/self/fd/1", join(tmp.dir, "mystdout"));
    mkdirSync(join(tmp.dir, "repo"));
    writeFileSync(
      join(tmp.dir, "repo", "Dockerfile"),
      "FROM debian:bookworm\nRUN apt-get install -y curl\n",
    );
    const r = sh(tmp.dir, "$A migrate repo --report mystdout");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Dockerfile");
    expect(r.stdout.length).toBeGreaterThan(300);
    expect(lstatSync(join(tmp.dir, "mystdout")).isSymbolicLink()).toBe(true);
  });

  it(">> keeps earlier content, through /dev/stdout and through a link to /proc/self/fd/1", () => {
    symlinkSync("/proc/self/fd/1", join(tmp.dir, "mystdout"));
    writeFileSync(join(tmp.dir, "s.md"), "keep\n");
    let r = sh(tmp.dir, "$A gate report.json --format markdown --output /dev/stdout >> s.md");
    expect(r.status, r.stderr).toBe(1);
    r = sh(tmp.dir, "$A shims print --output mystdout >> s.md");
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(tmp.dir, "s.md"), "utf8");
    expect(text.startsWith("keep\n## ")).toBe(true);
    expect(text).toContain("alpinize gate failed");
    expect(text).toContain("alpinize_ensure_group");
    expect(lstatSync(join(tmp.dir, "s.md")).isFile()).toBe(true);
  });

  it("> into a file through /dev/fd/3 (opened for appending) holds exactly the output", () => {
    writeFileSync(join(tmp.dir, "early"), "early\n");
    const r = sh(tmp.dir, "$A shims print --output /dev/fd/3 3>>early");
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(tmp.dir, "early"), "utf8");
    expect(text.startsWith("early\n# alpinize shims")).toBe(true);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)(
    "writes into a FIFO and /dev/null, leaving both as they were",
    () => {
      // The shell opens both ends itself first (fd 3 read-write, which never blocks on Linux;
      // then fd 4 for reading, at once since fd 3 is a writer) and cat inherits the read end:
      // neither the CLI's open nor cat's can wait. Closing fd 3 after the CLI has exited gives
      // cat its end of input, so a CLI that never opened the FIFO leaves got empty, not a hang.
      const r = sh(
        tmp.dir,
        "mkfifo ff && exec 3<>ff 4<ff && { cat <&4 >got 3<&- 4<&- & exec 4<&-; $A shims print --output ff 3<&-; exec 3<&-; wait; } && $A gate report.json --output /dev/null",
      );
      expect(r.status, r.stderr).toBe(1);
      expect(readFileSync(join(tmp.dir, "got"), "utf8")).toContain("alpinize_ensure_group");
      expect(lstatSync(join(tmp.dir, "ff")).isFIFO()).toBe(true);
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
      { encoding: "utf8", ...bounded() },
    );
    expect(finished(r, "node writing 1 MiB into a pipe").stderr).toBe("");
    expect(Number(r.stdout.trim())).toBe(1 << 20);
  });
});
