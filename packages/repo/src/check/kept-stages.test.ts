import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("debian-base for a stage migrate keeps on purpose", () => {
  it("gives migrate's reason instead of asking for a migrate that changes nothing", async () => {
    repo = await scratchRepo({
      Dockerfile:
        "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN make\nFROM ubuntu:22.04\nCOPY --from=build /b/infer /usr/local/bin/infer\n",
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    // The CUDA stage (Ubuntu-based, glibc-only) and the runtime stage that runs its program.
    const base = result.findings.filter((f) => f.rule === "debian-base");
    expect(base.map((f) => f.line)).toEqual([1, 3]);
    expect(base[0]?.message).toMatch(/migrate leaves this image: nvidia\/cuda stays: CUDA/);
    base.shift();
    expect(base[0]?.message).toMatch(
      /alpinize migrate leaves this stage: this stage copies \/b\/infer from stage build .* glibc/,
    );
    expect(base[0]?.message).not.toMatch(/run "alpinize migrate"/);
  });
});

describe("files that are not Dockerfiles", () => {
  it("reports an empty Dockerfile, or one with no FROM, as not checked", async () => {
    repo = await scratchRepo({ Dockerfile: "", "b/Dockerfile": "RUN echo hi\n" });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(result.unparsable.map((u) => u.file).sort()).toEqual(["Dockerfile", "b/Dockerfile"]);
    expect(result.unparsable[0]?.message).toMatch(/no FROM instruction/);
    // `check --json` prints each with its code and hint, as for any other file not checked.
    for (const u of result.unparsable) {
      expect(u.code).toBe("ALPINIZE_DOCKERFILE_SYNTAX");
      expect(u.hint).toMatch(/^Add the FROM line if it is a Dockerfile/);
    }
  });
});
