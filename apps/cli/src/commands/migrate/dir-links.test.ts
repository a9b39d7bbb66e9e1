import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";
removeGitReposAfterEach();

async function withLinks(): Promise<string> {
  const root = await gitRepo({ Dockerfile: DEBIAN });
  await symlink("/nonexistent", join(root, "x.Dockerfile"));
  await symlink("Dockerfile", join(root, "y.Dockerfile"));
  return root;
}

describe("migrate DIR with Dockerfiles that are symbolic links", () => {
  it("names each in skipped with where it leads, and exits 2 as check does", async () => {
    const root = await withLinks();
    const r = await runCli(["migrate", ".", "--json"], { cwd: root });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.skipped).toEqual([
      expect.objectContaining({
        file: "x.Dockerfile",
        path: "x.Dockerfile",
        code: "ALPINIZE_REPO_SYMLINK",
        link: { target: "/nonexistent", points: "nowhere" },
      }),
      expect.objectContaining({
        file: "y.Dockerfile",
        link: { target: "Dockerfile", points: "migrated" },
      }),
    ]);
    const check = await runCli(["check", "."], { cwd: root });
    expect(check.code).toBe(2);
  });

  it("prints them as not migrated, still migrating the rest", async () => {
    const root = await withLinks();
    const r = await runCli(["migrate", ".", "--write"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error x.Dockerfile: dangling symbolic link (to /nonexistent, which does not exist)",
    );
    expect(r.stderr).toMatch(
      /error y\.Dockerfile: symbolic link to Dockerfile, a Dockerfile this run migrates itself; .*\(not migrated\)/,
    );
    expect(r.stderr).toContain("2 Dockerfile link(s) not followed and not migrated");
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toContain("FROM alpine:");
  });
});

// A tester's migrate DIR exited 0 with an ENTRYPOINT script behind a link ("symbolic link;
// skipped", its useradd not migrated) while check exited 2 on the same tree.
describe("migrate DIR with a script behind a symbolic link", () => {
  const ENTRY = '#!/bin/sh\nuseradd -r app\nexec "$@"\n';

  async function linked(dockerfile: string): Promise<string> {
    const root = await gitRepo({ Dockerfile: dockerfile, "real/ep.sh": ENTRY });
    await symlink("real/ep.sh", join(root, "ep.sh"));
    return root;
  }

  it.each([
    ['FROM debian:bookworm\nCOPY ep.sh /ep.sh\nENTRYPOINT ["/ep.sh"]\n'],
    ['FROM debian:bookworm\nCOPY ep.sh /ep.sh\nCMD ["/ep.sh"]\n'],
  ])("exits 2 when the image runs it (%j): it was not migrated", async (dockerfile) => {
    const root = await linked(dockerfile);
    for (const flags of [[], ["--write"]]) {
      const r = await runCli(["migrate", ".", "--alpine", "3.23", ...flags], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        "error ep.sh: symbolic link; skipped (alpinize does not follow links) (not migrated)",
      );
      expect(r.stderr).toContain(
        "1 entrypoint or CMD script link(s) not followed and not migrated",
      );
    }
    expect(await readFile(join(root, "real/ep.sh"), "utf8")).toBe(ENTRY);
    // The Dockerfile that runs it is held back with it (an Alpine image whose entrypoint still
    // calls useradd would build and then fail): the tree stays Debian, which check says.
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(dockerfile);
    const check = await runCli(["check", "."], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("debian-base");
  });

  it("only warns for a script that is copied, not run (it would not be rewritten)", async () => {
    const root = await linked("FROM debian:bookworm\nCOPY ep.sh /usr/local/lib/ep.sh\n");
    const r = await runCli(["migrate", ".", "--alpine", "3.23"], { cwd: root });
    expect(r.code).toBe(0);
    // The Dockerfile transform reads it through the build context: not rewritten, not skipped.
    expect(r.stderr).toContain(
      "warning ep.sh: not rewritten: it is a link; its target is read as a build-context file",
    );
  });
});
