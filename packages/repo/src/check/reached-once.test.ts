import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

const UNPINNED = "FROM alpine:3.24\nRUN apk add curl\n";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function check(paths: { path: string; kind: "directory" | "dockerfile" }[]) {
  return checkTargets(paths, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo?.root ?? ".",
  });
}

describe("a Dockerfile reached twice", () => {
  it("is checked and counted once: a folder and a file in it, or one folder named twice", async () => {
    repo = await scratchRepo({
      "c1/Dockerfile": UNPINNED,
      "c1/a/Dockerfile": UNPINNED,
      "c1/b.Dockerfile": UNPINNED,
    });
    const dir = join(repo.root, "c1");
    const expected = ["c1/Dockerfile", "c1/a/Dockerfile", "c1/b.Dockerfile"];
    const named = await check([
      { path: dir, kind: "directory" },
      { path: join(dir, "b.Dockerfile"), kind: "dockerfile" },
    ]);
    expect([...named.files].sort()).toEqual(expected);
    expect(named.findings.filter((f) => f.file === "c1/b.Dockerfile")).toHaveLength(
      named.findings.filter((f) => f.file === "c1/Dockerfile").length,
    );
    const twice = await check([
      { path: dir, kind: "directory" },
      { path: dir, kind: "directory" },
    ]);
    expect([...twice.files].sort()).toEqual(expected);
  });

  it("is reached by its real path: a folder link to a folder checked too counts once", async () => {
    repo = await scratchRepo({ "c1/Dockerfile": UNPINNED });
    await symlink("c1", join(repo.root, "same"));
    const result = await check([
      { path: join(repo.root, "c1"), kind: "directory" },
      { path: join(repo.root, "same", "Dockerfile"), kind: "dockerfile" },
    ]);
    expect(result.files).toEqual(["c1/Dockerfile"]);
  });
});
