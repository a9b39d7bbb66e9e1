import { afterEach } from "vitest";
import { checkTargets } from "../src/check/run.js";
import { defaultConfig } from "../src/config/types.js";
import { defaultTransforms } from "../src/default-transforms.js";
import { type PlanOptions, planRepository } from "../src/plan/plan.js";
import { type ScratchRepo, scratchRepo } from "./scratch-repo.js";

// What `alpinize migrate DIR` and `alpinize check DIR` run with no config file, so tests of one
// rule do not each spell out the default config and transforms.

/** An `alpine:3.23` reference pinned to a digest, as migrate writes FROM lines. */
export const PINNED_ALPINE = `alpine:3.23@sha256:${"a".repeat(64)}`;

/** planRepository on `root` with the default config and transforms, plus `options`. */
export function planDefault(root: string, options: Partial<PlanOptions> = {}) {
  return planRepository(root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    ...options,
  });
}

/** checkTargets on the directory `root` (also the cwd) with the default config and transforms. */
export function checkDefault(root: string) {
  return checkTargets([{ path: root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: root,
  });
}

/** An entrypoint that drops privileges with util-linux runuser (Debian has it, Alpine does not). */
export const RUNUSER_SCRIPT = ["#!/bin/sh", "set -e", 'exec runuser -u app -- "$@"', ""].join("\n");
/** Dockerfile lines that copy entrypoint.sh in and run it. */
export const ENTRYPOINT_RUNS: readonly string[] = [
  "COPY entrypoint.sh /entrypoint.sh",
  'ENTRYPOINT ["/entrypoint.sh"]',
  'CMD ["id"]',
];

/** Plans, for Alpine 3.23, a scratch repo of a Dockerfile (its lines) and its entrypoint.sh. */
export async function planWithEntrypoint(
  scratch: ScratchRepos,
  dockerfile: readonly string[],
  script: string,
) {
  const repo = await scratch.make({
    Dockerfile: [...dockerfile, ""].join("\n"),
    "entrypoint.sh": script,
  });
  const plan = await planDefault(repo.root, { release: "3.23" });
  return { plan, dockerfile: plan.files.find((f) => f.file === "Dockerfile")! };
}

export type ScratchRepos = ReturnType<typeof scratchRepoPerTest>;

/**
 * One scratch repo at a time: `make` removes the one before, and each test's end removes the
 * last, so a test that makes several leaves no temp dirs behind.
 */
export function scratchRepoPerTest() {
  let current: ScratchRepo | undefined;
  afterEach(async () => {
    await current?.remove();
    current = undefined;
  });
  return {
    async make(files: Record<string, string>, options?: { git?: boolean }): Promise<ScratchRepo> {
      await current?.remove();
      current = await scratchRepo(files, options);
      return current;
    },
    /** The repo `make` gave last, within the current test. */
    get root(): string {
      if (!current) throw new Error("no scratch repo: call make() first in this test");
      return current.root;
    },
  };
}
