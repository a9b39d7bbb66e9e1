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

/** The Dockerfile's `script-not-found` warnings of `migrate DIR`, as `[line, message]`. */
async function notFound(files: Record<string, string>, ignore: string[] = []) {
  repo = await scratchRepo(files);
  const config = defaultConfig();
  config.images.ignore = ignore;
  const plan = await planRepository(repo.root, {
    config,
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return plan.files
    .filter((f) => f.kind === "dockerfile")
    .flatMap((f) => f.warnings.filter((w) => w.rule === "script-not-found"))
    .map((w) => [w.line, w.message]);
}

const ENTRY = [
  "RUN apt-get update && apt-get install -y curl",
  "COPY docker-entrypoint.sh /usr/local/bin/",
  'ENTRYPOINT ["docker-entrypoint.sh"]',
  "",
].join("\n");

describe("migrate DIR: a script the migrated image runs that is not in the directory", () => {
  it("warns at the COPY that the script was not migrated, naming it", async () => {
    expect(await notFound({ Dockerfile: `FROM debian:bookworm-slim\n${ENTRY}` })).toEqual([
      [
        3,
        "docker-entrypoint.sh, which ENTRYPOINT runs (as /usr/local/bin/docker-entrypoint.sh) in stage 0, is in neither the Dockerfile's folder nor the directory migrated, so it was not migrated: add it where the COPY finds it (docker build stops at this COPY without it) and run alpinize migrate again",
      ],
    ]);
  });

  it("says nothing when the script is there, or its image stays off Alpine", async () => {
    const script = { "docker-entrypoint.sh": '#!/bin/sh\nexec "$@"\n' };
    expect(
      await notFound({ Dockerfile: `FROM debian:bookworm-slim\n${ENTRY}`, ...script }),
    ).toEqual([]);
    await repo?.remove();
    expect(
      await notFound({ Dockerfile: `FROM debian:bookworm-slim\n${ENTRY}` }, ["debian"]),
    ).toEqual([]);
    await repo?.remove();
    // A CentOS image is not migrated: its script is not migrate's to miss.
    expect(await notFound({ Dockerfile: `FROM centos:7\n${ENTRY}` })).toEqual([]);
  });
});
