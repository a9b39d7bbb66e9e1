import { join } from "node:path";
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

const RUNS_SCRIPT =
  "FROM debian:bookworm\nCOPY tools/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh\n";

describe("planRepository: the other files a run reads (plan.inputs)", () => {
  it("lists the ignore files discovery followed and the context scripts the transform read", async () => {
    repo = await scratchRepo(
      {
        ".gitignore": "dist/\n",
        "svc/.gitignore": "*.bak\n",
        "svc/Dockerfile": RUNS_SCRIPT,
        "svc/tools/install.sh": "#!/bin/sh\nuseradd -r app\n",
        "svc/tools/unused.sh": "#!/bin/sh\necho\n",
        ".dockerignore": "node_modules\n",
      },
      { git: true },
    );
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const at = (path: string) => join(repo!.root, path);
    expect(plan.inputs).toEqual(
      expect.arrayContaining([
        at(".git/info/exclude"),
        at(".gitignore"),
        at("svc/.gitignore"),
        at("svc/tools/install.sh"),
      ]),
    );
    // Only what was read: a script no RUN runs, and .dockerignore, which the run never opens.
    expect(plan.inputs).not.toContain(at("svc/tools/unused.sh"));
    expect(plan.inputs).not.toContain(at(".dockerignore"));
  });
});
