import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
removeGitReposAfterEach();

/** `migrate . --write --report REPORT` in a fresh repository: what it printed, and what it left. */
async function migrateWithReport(report: string, setup?: (root: string) => Promise<void>) {
  const root = await gitRepo({ Dockerfile: DEBIAN, "notes.txt": "a file, not a folder\n" });
  await setup?.(root);
  const before = (await readdir(root)).sort();
  const r = await runCli(["migrate", ".", "--alpine", "3.23", "--write", "--report", report], {
    cwd: root,
  });
  return { root, r, before, after: (await readdir(root)).sort() };
}

describe("migrate DIR --report through a path that cannot hold it", () => {
  it.each([
    [
      "notes.txt/r.md",
      "(notes.txt is a file, not a folder); nothing was written",
      "Check the path (nothing can be made inside notes.txt), or pick another --report path.",
    ],
    [".", "(it is a folder); nothing was written", "e.g. --report ./MIGRATION.md."],
    ["sub/", "(it is a folder); nothing was written", "e.g. --report sub/MIGRATION.md."],
    [
      "gone/r.md",
      "(gone is a symbolic link to a folder that does not exist); nothing was written",
      "Make the folder it points to (ls -l gone shows it) or pick another --report path.",
    ],
  ])("--report %s: its own words, exit 2, nothing written", async (report, reason, hint) => {
    const { root, r, before, after } = await migrateWithReport(report, async (dir) => {
      await mkdir(join(dir, "sub"));
      await symlink("nowhere", join(dir, "gone"));
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error cannot write the report to ${join(root, report)}`);
    expect(r.stderr).toContain(reason);
    expect(r.stderr).toContain(hint);
    // Node's errno text, and the syscall that met it, stay out of it.
    expect(r.stderr).not.toMatch(/ENOTDIR|EISDIR|ENOENT|lstat|open '/);
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(DEBIAN);
    expect(after).toEqual(before);
  });

  it("--report --json carries the same words in its error", async () => {
    const root = await gitRepo({ Dockerfile: DEBIAN, "notes.txt": "x\n" });
    const r = await runCli(["migrate", ".", "--json", "--report", "notes.txt/r.md"], { cwd: root });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toEqual([
      {
        file: join(root, "notes.txt/r.md"),
        code: "ALPINIZE_REPORT_UNWRITABLE",
        message: `cannot write the report to ${join(root, "notes.txt/r.md")} (notes.txt is a file, not a folder); nothing was written`,
        hint: "Check the path (nothing can be made inside notes.txt), or pick another --report path.",
      },
    ]);
  });
});
