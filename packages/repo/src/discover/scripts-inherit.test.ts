import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { findCopiedScripts } from "./scripts.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function refsOf(dockerfile: string, files: Record<string, string> = {}) {
  repo = await scratchRepo({
    Dockerfile: dockerfile,
    "entry.sh": '#!/bin/sh\nexec gosu app "$@"\n',
    ...files,
  });
  const refs = await findCopiedScripts(repo.root, "Dockerfile", dockerfile);
  return refs.map((r) => [r.path, r.role, r.line, r.stages]);
}

describe("findCopiedScripts across FROM <stage>", () => {
  it("links a script COPYed in a stage to the ENTRYPOINT of a stage built on it", async () => {
    const refs = await refsOf(
      [
        "FROM alpine:3.24 AS base",
        "COPY entry.sh /entry.sh",
        "FROM base AS final",
        'ENTRYPOINT ["/entry.sh"]',
        "",
      ].join("\n"),
    );
    expect(refs).toEqual([["entry.sh", "entrypoint", 2, [1]]]);
  });

  it("links a script COPYed in a child stage to the ENTRYPOINT it inherits", async () => {
    const refs = await refsOf(
      [
        "FROM alpine:3.24 AS base",
        'ENTRYPOINT ["/entry.sh"]',
        "FROM base",
        "COPY entry.sh /entry.sh",
        "",
      ].join("\n"),
    );
    expect(refs).toEqual([["entry.sh", "entrypoint", 4, [1]]]);
  });

  it("follows a chain of stages and a folder copied in the first", async () => {
    const refs = await refsOf(
      [
        "FROM debian:12 AS base",
        "COPY docker/ /docker/",
        "FROM base AS mid",
        "FROM mid",
        'CMD ["/docker/run.sh"]',
        "",
      ].join("\n"),
      { "docker/run.sh": "#!/bin/sh\n" },
    );
    expect(refs).toEqual([["docker/run.sh", "cmd", 2, [2]]]);
  });

  it("drops an inherited CMD once the child sets its own ENTRYPOINT", async () => {
    const refs = await refsOf(
      [
        "FROM debian:12 AS base",
        'CMD ["/entry.sh"]',
        "FROM base",
        'ENTRYPOINT ["/usr/bin/tini", "--"]',
        "COPY entry.sh /entry.sh",
        "",
      ].join("\n"),
    );
    expect(refs).toEqual([["entry.sh", "copied", 5, [1]]]);
  });

  it("keeps a script a later stage overwrites out of the parent's link", async () => {
    const refs = await refsOf(
      [
        "FROM debian:12 AS base",
        "COPY entry.sh /entry.sh",
        "FROM base",
        "COPY other.sh /entry.sh",
        'ENTRYPOINT ["/entry.sh"]',
        "",
      ].join("\n"),
      { "other.sh": "#!/bin/sh\n" },
    );
    expect(refs).toEqual([
      ["entry.sh", "copied", 2, [0]],
      ["other.sh", "entrypoint", 4, [1]],
    ]);
  });
});
