import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { classifyPath } from "./kinds.js";
import { discoverFiles } from "./walk.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("classifyPath", () => {
  it.each([
    ["Dockerfile", "dockerfile"],
    ["svc/api/Dockerfile", "dockerfile"],
    ["Containerfile", "dockerfile"],
    ["build/api.Dockerfile", "dockerfile"],
    ["Dockerfile.alpine", "dockerfile"],
    ["dockerfile", "dockerfile"],
    ["Dockerfile.dockerignore", undefined],
    ["docs/Dockerfile.md", undefined],
    ["Dockerfiles/readme.txt", undefined],
    ["docker-compose.yml", "compose"],
    ["compose.yaml", "compose"],
    ["deploy/docker-compose.prod.yml", "compose"],
    [".github/workflows/ci.yml", "workflow"],
    [".gitlab-ci.yml", "workflow"],
    ["workflows/ci.yml", undefined],
    ["src/main.go", undefined],
    // Source code named after the format is not a Dockerfile, in any case (this repository's
    // packages/dockerfile/src/parse/dockerfile.ts made "alpinize check ." exit 2).
    ["packages/dockerfile/src/parse/dockerfile.ts", undefined],
    ["src/dockerfile.js", undefined],
    ["lib/dockerfile.mjs", undefined],
    ["parser/dockerfile.py", undefined],
    ["parser/dockerfile.go", undefined],
    ["src/dockerfile.rs", undefined],
    ["docs/dockerfile.md", undefined],
    ["Dockerfile.test.ts", undefined],
    ["Dockerfile.go", undefined],
    ["src/Dockerfile.d.ts", undefined],
    ["Containerfile.sh", undefined],
    // Case rules: bare names in any case, Dockerfile.* with a capital only, *.dockerfile any case.
    ["DOCKERFILE", "dockerfile"],
    ["containerfile", "dockerfile"],
    ["Containerfile.alpine", "dockerfile"],
    ["Dockerfile.prod", "dockerfile"],
    ["dockerfile.prod", undefined],
    ["api.dockerfile", "dockerfile"],
    ["api.Containerfile", "dockerfile"],
    ["API.DOCKERFILE", "dockerfile"],
  ])("%s → %s", (path, kind) => {
    expect(classifyPath(path)).toBe(kind);
  });
});

describe("discoverFiles", () => {
  it("enters no folder link and lists a Dockerfile-named link, wherever either leads", async () => {
    repo = await scratchRepo({
      "repo/Dockerfile": "FROM debian:12\n",
      "outside/Dockerfile": "FROM debian:12\n",
      "outside/.github/workflows/ci.yml": "on: push\n",
    });
    const root = join(repo.root, "repo");
    symlinkSync("../outside", join(root, "vendor"));
    symlinkSync(join(repo.root, "outside/Dockerfile"), join(root, "out.Dockerfile"));
    const found = await discoverFiles(root);
    expect(found.dockerfiles).toEqual(["Dockerfile"]);
    expect(found.workflows).toEqual([]);
    // The Dockerfile-named link is named so the run reports it (never read); the folder link is
    // neither entered nor listed: it holds nothing of the repository.
    expect(found.links).toEqual(["out.Dockerfile"]);
  });

  it("finds Dockerfiles in nested folders, with odd names, and skips .git and node_modules", async () => {
    repo = await scratchRepo(
      {
        Dockerfile: "FROM debian:12\n",
        "services/api/Dockerfile.prod": "FROM debian:12\n",
        "services/web/web.Dockerfile": "FROM node:24\n",
        "deep/a/b/c/d/Containerfile": "FROM ubuntu:24.04\n",
        "weird name/Dockerfile": "FROM debian:12\n",
        "node_modules/pkg/Dockerfile": "FROM debian:12\n",
        "docker-compose.yml": "services: {}\n",
        ".github/workflows/build.yml": "on: push\n",
        "README.md": "# x\n",
      },
      { git: true },
    );
    const found = await discoverFiles(repo.root);
    expect(found.dockerfiles).toEqual([
      "Dockerfile",
      "deep/a/b/c/d/Containerfile",
      "services/api/Dockerfile.prod",
      "services/web/web.Dockerfile",
      "weird name/Dockerfile",
    ]);
    expect(found.compose).toEqual(["docker-compose.yml"]);
    expect(found.workflows).toEqual([".github/workflows/build.yml"]);
  });

  it("honours .gitignore at every level, negations, and .git/info/exclude", async () => {
    repo = await scratchRepo(
      {
        ".gitignore": "build/\n*.generated.Dockerfile\n/vendor\n!keep.generated.Dockerfile\n",
        Dockerfile: "FROM debian:12\n",
        "build/Dockerfile": "FROM debian:12\n",
        "a/x.generated.Dockerfile": "FROM debian:12\n",
        "a/keep.generated.Dockerfile": "FROM debian:12\n",
        "vendor/Dockerfile": "FROM debian:12\n",
        "sub/vendor/Dockerfile": "FROM debian:12\n",
        "sub/.gitignore": "Dockerfile.local\n",
        "sub/Dockerfile.local": "FROM debian:12\n",
        "sub/Dockerfile": "FROM debian:12\n",
        "private/Dockerfile": "FROM debian:12\n",
      },
      { git: true },
    );
    await repo.write(".git/info/exclude", "private/\n");
    const found = await discoverFiles(repo.root);
    expect(found.dockerfiles).toEqual([
      "Dockerfile",
      "a/keep.generated.Dockerfile",
      "sub/Dockerfile",
      "sub/vendor/Dockerfile",
    ]);
    expect(found.ignored).toEqual(
      expect.arrayContaining([
        "build/",
        "a/x.generated.Dockerfile",
        "vendor/",
        "sub/Dockerfile.local",
        "private/",
      ]),
    );
  });

  it("applies the .gitignore files above DIR when DIR is inside a git repository", async () => {
    repo = await scratchRepo(
      {
        ".gitignore": "generated/\nsvc/api/Dockerfile.local\n",
        "svc/.gitignore": "/tmp-*\n",
        "svc/api/Dockerfile": "FROM x\n",
        "svc/api/Dockerfile.local": "FROM x\n",
        "svc/api/generated/Dockerfile": "FROM x\n",
        "svc/tmp-1/Dockerfile": "FROM x\n",
      },
      { git: true },
    );
    await repo.write(".git/info/exclude", "*.secret.Dockerfile\n");
    await repo.write("svc/api/x.secret.Dockerfile", "FROM x\n");
    expect((await discoverFiles(`${repo.root}/svc`)).dockerfiles).toEqual(["api/Dockerfile"]);
    expect((await discoverFiles(`${repo.root}/svc/api`)).dockerfiles).toEqual(["Dockerfile"]);
  });

  it("works on a folder that is not a git repository", async () => {
    repo = await scratchRepo({
      ".gitignore": "skip/\n",
      "skip/Dockerfile": "FROM x\n",
      "ok/Dockerfile": "FROM x\n",
    });
    expect((await discoverFiles(repo.root)).dockerfiles).toEqual(["ok/Dockerfile"]);
  });

  it("refuses to walk past its entry budget", async () => {
    repo = await scratchRepo({ "a/1": "", "a/2": "", "a/3": "", Dockerfile: "FROM x\n" });
    await expect(discoverFiles(repo.root, { maxEntries: 2 })).rejects.toMatchObject({
      code: "ALPINIZE_REPO_TOO_LARGE",
      message: expect.stringContaining("more than 2 files and folders, the most alpinize walks"),
      details: { limit: 2 },
    });
  });
});
