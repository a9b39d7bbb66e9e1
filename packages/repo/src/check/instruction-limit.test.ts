import { MAX_INSTRUCTIONS } from "@alpinize/dockerfile";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { checkTargets } from "./run.js";

describe("a Dockerfile of more instructions than alpinize reads", () => {
  let repo: ScratchRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

  it("is not checked, with the code and line, before any rule runs (never a silent pass)", async () => {
    const runs = "RUN echo 'a\\tb'\n".repeat(MAX_INSTRUCTIONS);
    repo = await scratchRepo({ Dockerfile: `FROM alpine:3.21\n${runs}` });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: { lintEntrypoint: () => [] },
      cwd: repo.root,
    });
    expect(result.findings).toEqual([]);
    expect(result.unparsable).toMatchObject([
      {
        file: "Dockerfile",
        line: MAX_INSTRUCTIONS + 1,
        code: "ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS",
        message: expect.stringContaining(`more than ${MAX_INSTRUCTIONS} instructions`),
        hint: expect.stringContaining("script file"),
      },
    ]);
  });
});
