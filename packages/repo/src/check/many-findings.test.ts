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

describe("a Dockerfile with more findings than a call can take as arguments", () => {
  it("reports every one (140,000 echo-escapes on one RUN), not a stack overflow", async () => {
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
    expect(result.findings.filter((f) => f.rule === "echo-escapes")).toHaveLength(calls);
  }, 120_000);
});
