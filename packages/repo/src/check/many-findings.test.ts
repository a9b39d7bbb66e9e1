import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";
import { ECHOES_LISTED } from "./started-echo.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("a Dockerfile with more findings than a call can take as arguments", () => {
  it("lists the first 100 echo-escapes of a RUN of 140,000 and counts the rest in one", async () => {
    const calls = 140_000;
    const run = Array.from({ length: calls }, () => "echo 'a\\tb'").join(" && ");
    repo = await scratchRepo({
      Dockerfile: `FROM alpine:3.24@sha256:${"a".repeat(64)}\nRUN ${run}\n`,
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    const echoes = result.findings.filter((f) => f.rule === "echo-escapes");
    expect(echoes).toHaveLength(ECHOES_LISTED + 1);
    expect(echoes.at(-1)).toMatchObject({ line: 2, more: calls - ECHOES_LISTED });
  }, 120_000);
});
