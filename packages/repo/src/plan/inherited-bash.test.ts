import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("migrate DIR: a bash script a child stage starts out of its parent's COPY", () => {
  it("gets bash in the child stage, with the shell warning at its CMD", async () => {
    repo = await scratchRepo({
      Dockerfile: 'FROM debian:12 AS base\nCOPY app /app\n\nFROM base\nCMD ["/app/run.sh"]\n',
      "app/run.sh": '#!/bin/bash\narr=(a b)\necho "$#"\n',
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const dockerfile = plan.files.find((f) => f.file === "Dockerfile")!;
    expect(dockerfile.after).toBe(
      'FROM alpine:3.23 AS base\nCOPY app /app\n\nFROM base\nRUN apk add --no-cache bash\nCMD ["/app/run.sh"]\n',
    );
    expect(dockerfile.warnings.filter((w) => w.rule === "shell")).toEqual([
      expect.objectContaining({
        line: 5,
        message: expect.stringMatching(
          /^CMD starts app\/run\.sh \(copied at line 2\), which has a bash shebang: bash added/,
        ),
      }),
    ]);
  });
});
