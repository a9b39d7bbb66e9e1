import { existsSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { runRepositoryMigration } from "./dir.js";
import { captureIo, gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
removeGitReposAfterEach();

describe("migrate DIR --report that cannot be written", () => {
  it.skipIf(!existsSync("/dev/full"))(
    "/dev/full is refused before any file is written",
    async () => {
      const root = await gitRepo({ Dockerfile: DEBIAN });
      const r = await runCli(["migrate", ".", "--write", "--report", "/dev/full"], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /cannot write the report to \/dev\/full \(no space left on \/dev\/full\); nothing was written\n {2}The disk is full/,
      );
      expect(r.stderr).not.toContain("wrote ");
      expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(DEBIAN);
    },
  );

  it("failing after the writes, says what was written and that only the report is missing", async () => {
    const root = await gitRepo({ Dockerfile: DEBIAN, "out/keep": "" });
    const { io, stderr, stdout } = captureIo(root);
    // The report's folder passes the check, then turns into a file while the run writes.
    let swapped = false;
    const racing = {
      ...io,
      progress: (text: string) => {
        if (swapped || !text.startsWith("writing ")) return;
        swapped = true;
        // Synchronous, as the write that follows is.
        rmSync(join(root, "out"), { recursive: true });
        writeFileSync(join(root, "out"), "not a folder\n");
      },
    };
    const code = await runRepositoryMigration(
      ".",
      { write: true, report: "out/MIGRATION.md" },
      racing,
    );
    expect(swapped).toBe(true);
    expect(code).toBe(2);
    expect(stderr.text).toContain("wrote Dockerfile");
    expect(stderr.text).toMatch(
      /cannot write the report to .*out\/MIGRATION\.md \(\/\S+\/out is a file, not a folder\); only the report is missing: 1 file\(s\) were migrated and written \(Dockerfile\)\n {2}Check the path \(nothing can be made inside \/\S+\/out\), or pick another --report path\. The written files stay as they are/,
    );
    // Worded as the check before the run words it, not Node's ENOTDIR text.
    expect(stderr.text).not.toMatch(/ENOTDIR|open '/);
    expect(stderr.text).not.toContain("nothing was written");
    expect(stdout.text).toBe("");
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toContain("FROM alpine:");
  });
});
