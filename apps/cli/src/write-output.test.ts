import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  type Stats,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pushImage, startRegistry } from "@alpinize/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  contentStamp,
  notOwnerError,
  OutputChangedError,
  OutputIsDirectoryError,
  OutputNotRegularError,
  OutputOwnerError,
  outputKind,
  writeOutput,
} from "./write-output.js";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, "..", "dist", "bin.js");
const SRC = join(here, "write-output.ts");
const isRoot = process.getuid?.() === 0;

// A one-finding Trivy report (CRITICAL, fixed): the gate fails on it and prints a verdict.
const REPORT = JSON.stringify({
  SchemaVersion: 2,
  ArtifactName: "demo:1",
  ArtifactType: "container_image",
  Metadata: { OS: { Family: "alpine", Name: "3.23.0" } },
  Results: [
    {
      Target: "demo:1 (alpine 3.23.0)",
      Class: "os-pkgs",
      Type: "alpine",
      Vulnerabilities: [
        {
          VulnerabilityID: "CVE-2026-0001",
          PkgName: "zlib",
          InstalledVersion: "1.0-r0",
          FixedVersion: "1.1-r0",
          Status: "fixed",
          Severity: "CRITICAL",
        },
      ],
    },
  ],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-write-"));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "report.json"), REPORT);
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const leftovers = (d: string) => readdirSync(d).filter((n) => n.startsWith(".alpinize-"));

/** Runs a shell line with the built CLI as $A, in the temp dir; stdout is a pipe to us. */
function sh(line: string, extra: { uid?: number } = {}) {
  return spawnSync("sh", ["-c", line], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", A: `${process.execPath} ${BIN}` },
    ...(extra.uid !== undefined ? { uid: extra.uid, gid: extra.uid } : {}),
  });
}

describe("writeOutput on files", () => {
  it("replaces a regular file, keeping its mode, through a temp file that does not stay", () => {
    const f = join(dir, "out.txt");
    writeFileSync(f, "old\n");
    chmodSync(f, 0o640);
    expect(writeOutput("out.txt", "new\n", { cwd: dir })).toBe("replaced");
    expect(readFileSync(f, "utf8")).toBe("new\n");
    expect(statSync(f).mode & 0o7777).toBe(0o640);
    expect(leftovers(dir)).toEqual([]);
  });

  it("follows a symlink: the link stays a link and its target gets the text", () => {
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "t.txt"), "old\n");
    symlinkSync("real/t.txt", join(dir, "link.txt"));
    expect(writeOutput(join(dir, "link.txt"), "new\n")).toBe("replaced");
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real", "t.txt"), "utf8")).toBe("new\n");
    // A dangling link creates the file it names, and stays a link.
    symlinkSync("real/later.txt", join(dir, "dangling"));
    expect(writeOutput(join(dir, "dangling"), "x")).toBe("created");
    expect(lstatSync(join(dir, "dangling")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real", "later.txt"), "utf8")).toBe("x");
  });

  it("creates a new file, and refuses a directory or a missing directory", () => {
    expect(writeOutput(join(dir, "new.txt"), "a")).toBe("created");
    expect(readFileSync(join(dir, "new.txt"), "utf8")).toBe("a");
    expect(() => writeOutput(dir, "a")).toThrow(OutputIsDirectoryError);
    expect(() => writeOutput(join(dir, "no", "x"), "a")).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
  });

  it("writes into /dev/null and leaves it a character device", () => {
    expect(outputKind("/dev/null")).toBe("special");
    expect(writeOutput("/dev/null", "discarded")).toBe("stream");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)(
    "writes into a FIFO that a reader holds, and leaves it a FIFO",
    async () => {
      const fifo = join(dir, "fifo");
      expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
      const reader = spawn("cat", [fifo]);
      let got = "";
      reader.stdout.on("data", (d) => {
        got += d;
      });
      const done = new Promise((ok) => reader.on("close", ok));
      expect(writeOutput(fifo, "through the fifo\n")).toBe("stream");
      await done;
      expect(got).toBe("through the fifo\n");
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    },
  );

  it("never classes stdout paths as files to replace", () => {
    // Proven here, in-process and without writing, before any child is given these paths.
    for (const p of [
      "-",
      "/dev/stdout",
      "/dev/fd/1",
      "/proc/self/fd/1",
      `/proc/${process.pid}/fd/1`,
    ])
      expect(outputKind(p)).toBe("own-fd");
    expect(outputKind("/dev/stderr")).toBe("own-fd");
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    expect(outputKind(join(dir, "mystdout"))).toBe("own-fd");
    symlinkSync("/proc/self/fd", join(dir, "fds"));
    expect(outputKind(join(dir, "fds", "1"))).toBe("own-fd");
    expect(outputKind("/dev/fd/7")).toBe("fd-path");
  });
});

describe("alpinize --output to stdout, pipes and appends (built CLI in a child)", () => {
  it("gate --output /dev/stdout with stdout piped sends the report down the pipe", () => {
    expect(outputKind("/dev/stdout")).toBe("own-fd");
    const r = sh("$A gate report.json --format json --output /dev/stdout");
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).passed).toBe(false);
    expect(r.stderr).toContain("json written to /dev/stdout");
  });

  it("a symlink to /proc/self/fd/1 in a temp dir reaches the pipe and stays a symlink", () => {
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    expect(outputKind(join(dir, "mystdout"))).toBe("own-fd");
    const r = sh("$A gate report.json --format json --output mystdout | wc -c");
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
    const r = sh("$A migrate repo --report mystdout");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Dockerfile");
    expect(r.stdout.length).toBeGreaterThan(300);
    expect(lstatSync(join(dir, "mystdout")).isSymbolicLink()).toBe(true);
  });

  it(">> keeps earlier content, through /dev/stdout and through a link to /proc/self/fd/1", () => {
    symlinkSync("/proc/self/fd/1", join(dir, "mystdout"));
    writeFileSync(join(dir, "s.md"), "keep\n");
    let r = sh("$A gate report.json --format markdown --output /dev/stdout >> s.md");
    expect(r.status, r.stderr).toBe(1);
    r = sh("$A shims print --output mystdout >> s.md");
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "s.md"), "utf8");
    expect(text.startsWith("keep\n## ")).toBe(true);
    expect(text).toContain("alpinize gate failed");
    expect(text).toContain("alpinize_ensure_group");
    expect(lstatSync(join(dir, "s.md")).isFile()).toBe(true);
  });

  it("> into a file through /dev/fd/3 (opened for appending) holds exactly the output", () => {
    writeFileSync(join(dir, "early"), "early\n");
    const r = sh("$A shims print --output /dev/fd/3 3>>early");
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(dir, "early"), "utf8");
    expect(text.startsWith("early\n# alpinize shims")).toBe(true);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)(
    "writes into a FIFO and /dev/null, leaving both as they were",
    () => {
      const r = sh(
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
    const script = `const { writeOutput } = await import(${JSON.stringify(pathToFileURL(SRC).href)});
process.stdout;
writeOutput("-", "y".repeat(1 << 20));`;
    const r = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" --input-type=module -e '${script}' | (sleep 1; wc -c)`],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.trim())).toBe(1 << 20);
  });
});

describe("in-place rewrites (--write) replace regular files only", () => {
  it("refuses an fd path, a device or a vanished file instead of appending to it", () => {
    const f = join(dir, "Dockerfile");
    writeFileSync(f, "FROM debian:bookworm\nRUN apt-get install -y curl\n");
    expect(() => writeOutput("/dev/null", "x", { inPlace: true })).toThrow(OutputNotRegularError);
    expect(() => writeOutput(join(dir, "gone"), "x", { inPlace: true })).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
    expect(writeOutput(f, "FROM alpine\n", { inPlace: true })).toBe("replaced");
    const inputs = [
      ["migrate", "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n"],
      ["entrypoint", "entry.sh", "#!/bin/sh\ngroupadd -g 5000 app\n"],
    ];
    for (const [cmd, name, text] of inputs) {
      writeFileSync(join(dir, name!), text!);
      const r = sh(`$A ${cmd} /dev/fd/3 --write 3<${name}`);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("not a regular file");
      expect(readFileSync(join(dir, name!), "utf8")).toBe(text);
    }
  });
});

describe("in-place rewrites keep what others did to the file", () => {
  const stampOf = (f: string) => contentStamp(readFileSync(f), statSync(f));

  it("refuses a file that changed since it was read (expected), keeping the edit", () => {
    const f = join(dir, "Dockerfile");
    writeFileSync(f, "FROM a\n");
    let expected = stampOf(f);
    writeFileSync(f, "FROM a\nRUN edit\n");
    expect(() => writeOutput(f, "FROM a@x\n", { inPlace: true, expected })).toThrow(
      OutputChangedError,
    );
    expect(readFileSync(f, "utf8")).toBe("FROM a\nRUN edit\n");
    // Same size, time set back: the bytes tell.
    writeFileSync(f, "FROM a\n");
    expected = stampOf(f);
    const { atime, mtime } = statSync(f);
    writeFileSync(f, "FROM b\n");
    utimesSync(f, atime, mtime);
    expect(() => writeOutput(f, "FROM a@x\n", { inPlace: true, expected })).toThrow(
      /changed while alpinize was working/,
    );
    expect(readFileSync(f, "utf8")).toBe("FROM b\n");
    expect(leftovers(dir)).toEqual([]);
    expected = stampOf(f);
    expect(writeOutput(f, "FROM b@x\n", { inPlace: true, expected })).toBe("replaced");
    rmSync(f);
    writeFileSync(join(dir, "other"), "");
    expect(() => writeOutput(f, "x", { expected })).toThrow(/it was removed|no such file/);
  });

  /** Runs writeOutput from the source as `uid`; prints the error's name and message. */
  const writeAs = (uid: number, file: string) =>
    spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { writeOutput } = await import(${JSON.stringify(pathToFileURL(SRC).href)});
try { writeOutput(${JSON.stringify(file)}, "new\\n", { inPlace: true }); console.log("written"); }
catch (err) { console.log(err.name, err.message); }`,
      ],
      { encoding: "utf8", uid, gid: uid },
    );

  it.skipIf(!isRoot || writeAs(65534, "/nonexistent").status !== 0)(
    "never hands another user's file, or a group's, to the user who rewrites it",
    () => {
      chmodSync(dir, 0o777);
      const theirs = join(dir, "theirs");
      writeFileSync(theirs, "old\n", { mode: 0o666 });
      chmodSync(theirs, 0o666);
      let r = writeAs(65534, theirs);
      expect(r.stdout).toContain("OutputOwnerError owned by uid 0, not by you (uid 65534)");
      expect([readFileSync(theirs, "utf8"), statSync(theirs).uid]).toEqual(["old\n", 0]);
      const group = join(dir, "group");
      writeFileSync(group, "old\n", { mode: 0o666 });
      chownSync(group, 65534, 0);
      r = writeAs(65534, group);
      expect(r.stdout).toContain("its group 0 is not one of yours");
      expect([readFileSync(group, "utf8"), statSync(group).gid]).toEqual(["old\n", 0]);
      const own = join(dir, "own");
      writeFileSync(own, "old\n");
      chownSync(own, 65534, 65534);
      expect(writeAs(65534, own).stdout).toBe("written\n");
      expect(leftovers(dir)).toEqual([]);
    },
  );
});

describe("alpinize --output failures leave nothing behind (exit 2)", () => {
  // Root ignores directory permissions, so the CLI runs as nobody when we are root.
  const canDrop =
    !isRoot ||
    spawnSync(process.execPath, [BIN, "--version"], { cwd: tmpdir(), uid: 65534, gid: 65534 })
      .status === 0;

  it.skipIf(!canDrop)("a read-only directory: exit 2, no output file, no temp file", () => {
    const ro = join(dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const uid = isRoot ? { uid: 65534 } : {};
    let r = sh("$A gate report.json --output ro/out.json", uid);
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringContaining("ro/out.json: cannot write the output (EACCES)"),
    ]);
    r = sh("$A shims print --output ro/shims.sh", uid);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("cannot write ro/shims.sh");
    expect(readdirSync(ro)).toEqual([]);
  });

  it("a write that fails half way (file size limit) removes the temp file and keeps the old text", () => {
    writeFileSync(join(dir, "shims.sh"), "old\n");
    // ulimit -f counts 512-byte blocks; the shims library is far larger than 4 KiB.
    const r = sh("ulimit -f 8; exec $A shims print --output shims.sh");
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("EFBIG");
    expect(readFileSync(join(dir, "shims.sh"), "utf8")).toBe("old\n");
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("a --write refused for the file's owner says who can write it", () => {
  const stats = (uid: number, gid: number) => ({ uid, gid }) as Stats;

  it("names the owner, or the group, and what to do instead", () => {
    const owner = notOwnerError(new OutputOwnerError("/x", stats(0, 0), 1000), "m", "x", "do y");
    expect([owner.code, owner.hint, owner.details]).toEqual([
      "ALPINIZE_WRITE_NOT_OWNER",
      "Run alpinize as the file's owner (uid 0) or as root, or do y.",
      { file: "x", owner: { uid: 0, gid: 0 } },
    ]);
    const group = notOwnerError(new OutputOwnerError("/x", stats(1000, 5), 1000), "m", "x", "do y");
    expect(group.hint).toBe(
      "Run alpinize as root, or as its owner (uid 1000) with group 5 among your groups, or do y.",
    );
  });

  const canDrop =
    isRoot &&
    spawnSync(process.execPath, [BIN, "--version"], { cwd: tmpdir(), uid: 65534, gid: 65534 })
      .status === 0;

  it.skipIf(!canDrop)(
    "pin --write of root's 0666 file in a 0777 folder, run as nobody",
    async () => {
      const registry = await startRegistry();
      try {
        await pushImage(registry.url, "team/app", "1.0");
        chmodSync(dir, 0o777);
        const text = `FROM ${registry.host}/team/app:1.0\n`;
        writeFileSync(join(dir, "Dockerfile"), text);
        chmodSync(join(dir, "Dockerfile"), 0o666);
        const r = await new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, [BIN, "pin", "--json", "--write", "Dockerfile"], {
            cwd: dir,
            uid: 65534,
            gid: 65534,
            env: { PATH: process.env.PATH, NO_COLOR: "1", HOME: dir },
          });
          let out = "";
          child.stdout.on("data", (c: Buffer) => (out += c));
          child.on("close", (code) => done({ code, out }));
        });
        expect(r.code).toBe(2);
        expect(JSON.parse(r.out).errors).toEqual([
          expect.objectContaining({
            code: "ALPINIZE_WRITE_NOT_OWNER",
            hint: "Run alpinize as the file's owner (uid 0) or as root, or drop --write and apply the printed pins (REF -> REF@DIGEST) yourself.",
          }),
        ]);
        expect([
          readFileSync(join(dir, "Dockerfile"), "utf8"),
          statSync(join(dir, "Dockerfile")).uid,
        ]).toEqual([text, 0]);
      } finally {
        await registry.stop();
      }
    },
    30_000,
  );
});
