import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
let root = "";
removeGitReposAfterEach();

describe("migrate DIR --report into a folder that does not exist", () => {
  it("exits 2 before writing anything, naming the missing folder in its own words", async () => {
    root = await gitRepo({ Dockerfile: DEBIAN });
    const r = await runCli(
      ["migrate", ".", "--alpine", "3.23", "--write", "--report", "no/such/dir/r.md"],
      { cwd: root },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/no/such/dir/r.md (no: no such folder); nothing was written");
    expect(r.stderr).toContain("Make no first (mkdir -p no) or pick another --report path.");
    // Node's own text stays out of it.
    expect(r.stderr).not.toMatch(/ENOENT|lstat/);
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(DEBIAN);
  });
});
