import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { discoverFiles } from "../discover/walk.js";
import { checkTargets } from "./run.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const DOCKERFILE = "FROM alpine:3.24\nRUN apk add curl\n";

function checkDir(root: string) {
  return checkTargets([{ path: root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: root,
  });
}

describe("a Dockerfile that is a symbolic link, met in a walk", () => {
  it("is listed by the walk as a link, not as a Dockerfile", async () => {
    repo = await scratchRepo({ "docker/real.Dockerfile": DOCKERFILE, "notes.md": "x" });
    await symlink("docker/real.Dockerfile", join(repo.root, "Dockerfile"));
    await symlink("notes.md", join(repo.root, "readme"));
    const found = await discoverFiles(repo.root);
    expect(found.dockerfiles).toEqual(["docker/real.Dockerfile"]);
    expect(found.links).toEqual(["Dockerfile"]);
  });

  it("is reported as not checked, beside the files that were", async () => {
    repo = await scratchRepo({ "docker/real.Dockerfile": DOCKERFILE });
    await symlink("docker/real.Dockerfile", join(repo.root, "Dockerfile"));
    const result = await checkDir(repo.root);
    expect(result.files.sort()).toEqual(["Dockerfile", "docker/real.Dockerfile"]);
    expect(result.findings.map((f) => `${f.file}:${f.rule}`)).toContain(
      "docker/real.Dockerfile:apk-no-cache",
    );
    expect(result.unparsable).toEqual([
      {
        file: "Dockerfile",
        message: expect.stringMatching(/symbolic link; skipped/),
        code: "ALPINIZE_REPO_SYMLINK",
        hint: expect.stringContaining("the file the link points to"),
      },
    ]);
  });

  it("is reported as not checked when it is the only one (not 'no Dockerfile found')", async () => {
    repo = await scratchRepo({});
    await mkdir(join(repo.root, "app"));
    await symlink("/nonexistent/Dockerfile", join(repo.root, "app", "Containerfile"));
    const result = await checkDir(repo.root);
    expect(result.unparsable.map((u) => u.file)).toEqual(["app/Containerfile"]);
    expect(result.unparsable[0]?.message).toMatch(/symbolic link/);
  });

  it("is left alone when .gitignore names it", async () => {
    repo = await scratchRepo({ "real.Dockerfile": DOCKERFILE, ".gitignore": "Dockerfile\n" });
    await symlink("real.Dockerfile", join(repo.root, "Dockerfile"));
    const result = await checkDir(repo.root);
    expect(result.unparsable).toEqual([]);
    expect(result.files).toEqual(["real.Dockerfile"]);
  });
});
