import { symlink } from "node:fs/promises";
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

async function skippedWith(dockerfile: string, ignore: string[] = []) {
  repo = await scratchRepo({ Dockerfile: dockerfile, "real/ep.sh": "#!/bin/sh\nuseradd app\n" });
  await symlink("real/ep.sh", join(repo.root, "ep.sh"));
  const config = defaultConfig();
  config.images.ignore = ignore;
  const plan = await planRepository(repo.root, {
    config,
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return plan.skipped.find((s) => s.file === "ep.sh");
}

describe("planRepository: a script behind a symbolic link", () => {
  it.each([["ENTRYPOINT"], ["CMD"]])("run as %s is marked unrewritten", async (how) => {
    const skipped = await skippedWith(`FROM debian:12\nCOPY ep.sh /ep.sh\n${how} ["/ep.sh"]\n`);
    expect(skipped).toMatchObject({ message: expect.stringContaining("symbolic link; skipped") });
    expect(skipped?.unrewritten).toBe(true);
  });

  it("only copied, or run only by an image images.ignore names, is not", async () => {
    const copied = await skippedWith("FROM debian:12\nCOPY ep.sh /usr/local/lib/ep.sh\n");
    expect(copied).toBeDefined();
    expect(copied?.unrewritten).toBeUndefined();
    const ignored = await skippedWith(
      'FROM debian:12\nCOPY ep.sh /ep.sh\nENTRYPOINT ["/ep.sh"]\n',
      ["debian"],
    );
    expect(ignored).toBeDefined();
    expect(ignored?.unrewritten).toBeUndefined();
  });

  it("run by a RUN, read through the build context: not rewritten, not called skipped", async () => {
    const run = await skippedWith("FROM debian:12\nCOPY ep.sh /ep.sh\nRUN /ep.sh\n");
    expect(run?.message).toBe(
      "ep.sh: not rewritten: it is a link; its target is read as a build-context file",
    );
    expect(run?.unrewritten).toBeUndefined();
    // Run as the ENTRYPOINT, it is what migrate DIR would rewrite: skipped, as the test above says.
  });
});
