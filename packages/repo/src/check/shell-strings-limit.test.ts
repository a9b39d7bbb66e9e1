import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { checkTargets } from "./run.js";

describe("check on a Dockerfile past migrate's bound on sh -c strings", () => {
  let repo: ScratchRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

  it("refuses it as migrate does (not checked, exit 2), rather than reading every string", async () => {
    // @alpinize/dockerfile's MAX_SHELL_STRINGS is 200,000.
    const many = ";sh -c x".repeat(200_001);
    repo = await scratchRepo({
      "big/Dockerfile": `FROM alpine:3.23\nRUN true${many}\n`,
      "ok/Dockerfile": "FROM alpine:3.23\nRUN true;sh -c x\n",
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: { lintEntrypoint: () => [] },
      cwd: repo.root,
    });
    expect(result.unparsable).toMatchObject([
      { file: "big/Dockerfile", code: "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS" },
    ]);
    expect(result.files).toContain("ok/Dockerfile");
  }, 120_000);
});
