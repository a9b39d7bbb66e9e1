import { spawn, spawnSync } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type PushedImage,
  pushImage,
  type StartedRegistry,
  startRegistry,
} from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "dist", "bin.js");
const isRoot = process.getuid?.() === 0;
// Root ignores directory modes, so as root the built CLI runs as nobody (setpriv); when that
// user cannot reach node or the build, the test skips.
const canDrop =
  !isRoot ||
  spawnSync(
    "setpriv",
    ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, "--version"],
    { cwd: tmpdir() },
  ).status === 0;

function runUnprivileged(args: string[], cwd: string) {
  const command = isRoot
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath]
    : [process.execPath];
  const [cmd, ...rest] = command as [string, ...string[]];
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(cmd, [...rest, BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, NO_COLOR: "1", HOME: cwd },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!canDrop)("alpinize pin --write when one file cannot be written", () => {
  let registry: StartedRegistry;
  let app: PushedImage;
  let dir: string;
  const files = ["a.Dockerfile", "locked/b.Dockerfile", "c.Dockerfile"];

  beforeAll(async () => {
    registry = await startRegistry();
    app = await pushImage(registry.url, "team/app", "1.0");
    dir = await mkdtemp(join(tmpdir(), "alpinize-pin-partial-"));
    await chmod(dir, 0o777);
    await mkdir(join(dir, "locked"));
  }, 30_000);
  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const ref = () => `${registry.host}/team/app:1.0`;
  async function reset() {
    await chmod(join(dir, "locked"), 0o777);
    for (const name of files) {
      await writeFile(join(dir, name), `FROM ${ref()}\n`);
      await chmod(join(dir, name), 0o666);
      // The files are the caller's own: another user's file is refused for its owner alone.
      if (isRoot) await chown(join(dir, name), 65534, 65534);
    }
    // No temp file can be created in locked/: its file cannot be replaced (EACCES).
    await chmod(join(dir, "locked"), 0o555);
  }

  it("writes the others and reports every file, written or not, in --json", async () => {
    await reset();
    const res = await runUnprivileged(["pin", "--json", "--write", ...files], dir);
    expect(res.code).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc.files.map((f: { file: string; written: boolean }) => [f.file, f.written])).toEqual([
      ["a.Dockerfile", true],
      ["locked/b.Dockerfile", false],
      ["c.Dockerfile", true],
    ]);
    expect(doc.files[1].error).toMatchObject({
      code: "ALPINIZE_PIN_UNWRITABLE",
      file: "locked/b.Dockerfile",
    });
    expect(doc.errors).toEqual([doc.files[1].error]);
    const pinned = `FROM ${ref()}@${app.indexDigest}\n`;
    expect(await readFile(join(dir, "a.Dockerfile"), "utf8")).toBe(pinned);
    expect(await readFile(join(dir, "c.Dockerfile"), "utf8")).toBe(pinned);
    expect(await readFile(join(dir, "locked/b.Dockerfile"), "utf8")).toBe(`FROM ${ref()}\n`);
  });

  it("says which files were pinned and which one was not in the human output", async () => {
    await reset();
    const res = await runUnprivileged(["pin", "--write", ...files], dir);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(`a.Dockerfile:1: pinned ${ref()} -> ${ref()}@${app.indexDigest}`);
    expect(res.stdout).toContain(`c.Dockerfile:1: pinned ${ref()}`);
    expect(res.stdout).toContain(`locked/b.Dockerfile:1: would pin ${ref()}`);
    expect(res.stderr).toContain(
      "locked/b.Dockerfile: error cannot write locked/b.Dockerfile: EACCES",
    );
    expect(res.stderr).toContain("2 pinned now");
    expect(res.stderr).toContain("1 not written");
  });

  it.skipIf(!isRoot)("leaves another user's writable file to its owner (exit 2)", async () => {
    const theirs = join(dir, "theirs.Dockerfile");
    await writeFile(theirs, `FROM ${ref()}\n`, { mode: 0o666 });
    await chmod(theirs, 0o666);
    const res = await runUnprivileged(["pin", "--write", "theirs.Dockerfile"], dir);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(`theirs.Dockerfile:1: would pin ${ref()}`);
    expect(res.stderr).toContain(
      "cannot write theirs.Dockerfile: owned by uid 0, not by you (uid 65534): replacing it would make it yours",
    );
    expect(await readFile(theirs, "utf8")).toBe(`FROM ${ref()}\n`);
    expect((await stat(theirs)).uid).toBe(0);
  });
});
