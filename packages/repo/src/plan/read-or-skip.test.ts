import { afterEach, describe, expect, it } from "vitest";
import { planDefault } from "../../test/run-defaults.js";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("readOrSkip", () => {
  // `migrate DIR --json` lists unparsable files with their code, as `check` does: a caller
  // that branches on codes must not find one entry without it.
  it("keeps the error code of a Dockerfile it cannot read as text", async () => {
    repo = await scratchRepo({ "bin/Dockerfile": "FROM debian:12\n\0\n" });
    const plan = await planDefault(repo.root, { release: "3.23" });
    expect(plan.unparsable).toHaveLength(1);
    expect(plan.unparsable[0]).toMatchObject({
      file: "bin/Dockerfile",
      code: "ALPINIZE_REPO_UNREADABLE",
    });
  });
});
