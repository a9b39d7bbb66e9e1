import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n";
removeGitReposAfterEach();

// A tester's self-loop link f/Dockerfile.loop -> Dockerfile.loop was "dangling (… does not
// exist)" in migrate DIR, a loop in migrate FILE; and DIR's entry had no line saying what to do.
describe("migrate DIR on Dockerfile links it skips", () => {
  it("calls a link that leads back to itself a loop, with check's hint", async () => {
    const root = await gitRepo({ Dockerfile: DEBIAN });
    await mkdir(join(root, "f"));
    await symlink("Dockerfile.loop", join(root, "f/Dockerfile.loop"));
    const r = await runCli(["migrate", "."], { cwd: root });
    expect(r.code).toBe(2);
    const lines = r.stderr.split("\n");
    const at = lines.findIndex((l) => l.startsWith("error f/Dockerfile.loop:"));
    expect(lines[at]).toContain(
      "f/Dockerfile.loop: symbolic link loop (too many levels of symbolic links) (to Dockerfile.loop)",
    );
    expect(lines[at]).not.toContain("does not exist");
    expect(lines[at + 1]).toBe(
      "  Fix the link (ls -l shows where each link points), or pass the file it should lead to.",
    );
    const json = JSON.parse((await runCli(["migrate", ".", "--json"], { cwd: root })).stdout);
    expect(json.skipped[0].link).toEqual({ target: "Dockerfile.loop", points: "nowhere" });
  });

  it("gives a dangling link and one to another file a hint line too", async () => {
    const root = await gitRepo({ Dockerfile: DEBIAN });
    await symlink("/nonexistent", join(root, "x.Dockerfile"));
    await symlink("Dockerfile", join(root, "y.Dockerfile"));
    const lines = (await runCli(["migrate", "."], { cwd: root })).stderr.split("\n");
    const after = (file: string) =>
      lines[lines.findIndex((l) => l.startsWith(`error ${file}:`)) + 1];
    expect(after("x.Dockerfile")).toMatch(/^ {2}Create the file the link points to, fix the link/);
    expect(after("y.Dockerfile")).toMatch(
      /^ {2}Run alpinize migrate on the file the link points to/,
    );
  });
});
