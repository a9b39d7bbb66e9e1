import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";
import { createIo, type Io } from "../../io.js";
import { Capture } from "../../test-helpers.js";

/** A non-TTY Io whose output the test reads back. */
export function captureIo(cwd: string): { io: Io; stdout: Capture; stderr: Capture } {
  const stdout = new Capture();
  const stderr = new Capture();
  const io = createIo({ stdout, stderr, env: { NO_COLOR: "1", PATH: process.env.PATH }, cwd });
  return { io, stdout, stderr };
}

/** The repositories gitRepo made and no test removed yet. */
const made: string[] = [];

/** Removes, after each test of the calling file, every repository gitRepo made during it. */
export function removeGitReposAfterEach(): void {
  afterEach(async () => {
    for (const root of made.splice(0)) await rm(root, { recursive: true, force: true });
  });
}

/** A temp git repository holding `files`, committed. */
export async function gitRepo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "alpinize-migrate-dir-"));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.invalid",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.invalid",
  };
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
    ["commit", "-q", "-m", "scratch"],
  ]) {
    execFileSync("git", args, { cwd: root, stdio: "pipe", env });
  }
  return root;
}
