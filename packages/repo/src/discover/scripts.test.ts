import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { findCopiedScripts } from "./scripts.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("findCopiedScripts", () => {
  it("finds the ENTRYPOINT script, CMD scripts, copied .sh files and scripts inside copied folders", async () => {
    const dockerfile = [
      "FROM golang:1.25 AS build",
      "COPY build.sh /build.sh",
      "FROM debian:12",
      'COPY --chown=app:app [".docker/docker-entrypoint.sh", "/docker-entrypoint.sh"]',
      "COPY scripts/ /app/scripts/",
      "COPY --from=build /out/app /app/app",
      "COPY tools/helper.sh tools/notes.txt /usr/local/bin/",
      "COPY missing.sh /missing.sh",
      'ENTRYPOINT ["/sbin/tini", "--", "/docker-entrypoint.sh"]',
      'CMD ["/app/scripts/run.sh"]',
      "",
    ].join("\n");
    repo = await scratchRepo({
      "svc/Dockerfile": dockerfile,
      "svc/build.sh": "#!/bin/sh\n",
      "svc/.docker/docker-entrypoint.sh": "#!/bin/sh\n",
      "svc/scripts/run.sh": "#!/bin/sh\n",
      "svc/scripts/other.sh": "#!/bin/sh\n",
      "svc/tools/helper.sh": "#!/bin/sh\n",
      "svc/tools/notes.txt": "x\n",
    });
    const refs = await findCopiedScripts(repo.root, "svc/Dockerfile", dockerfile);
    expect(refs.map((r) => [r.path, r.role, r.line, r.destination])).toEqual([
      ["svc/.docker/docker-entrypoint.sh", "entrypoint", 4, "/docker-entrypoint.sh"],
      ["svc/build.sh", "copied", 2, "/build.sh"],
      ["svc/scripts/run.sh", "cmd", 5, "/app/scripts/run.sh"],
      ["svc/tools/helper.sh", "copied", 7, "/usr/local/bin/helper.sh"],
    ]);
  });

  it("falls back to the repository root as build context", async () => {
    const dockerfile = "FROM debian:12\nCOPY docker/entry.sh /entry.sh\nENTRYPOINT /entry.sh\n";
    repo = await scratchRepo({ "build/Dockerfile": dockerfile, "docker/entry.sh": "#!/bin/sh\n" });
    const refs = await findCopiedScripts(repo.root, "build/Dockerfile", dockerfile);
    expect(refs).toMatchObject([{ path: "docker/entry.sh", role: "entrypoint" }]);
  });
});

describe("findCopiedScripts through COPY --from", () => {
  it("follows COPY --from=<stage> to that stage's COPY from the context", async () => {
    const dockerfile = [
      "FROM alpine:3.23 AS files",
      "COPY docker/e.sh /e.sh",
      "COPY tools/ /opt/tools/",
      "FROM debian:12",
      "COPY --from=files /e.sh /e.sh",
      "COPY --from=0 /opt/tools/run.sh /usr/local/bin/run.sh",
      'ENTRYPOINT ["/e.sh"]',
      'CMD ["run.sh"]',
      "",
    ].join("\n");
    repo = await scratchRepo({
      Dockerfile: dockerfile,
      "docker/e.sh": "#!/bin/sh\n",
      "tools/run.sh": "#!/bin/sh\n",
    });
    const refs = await findCopiedScripts(repo.root, "Dockerfile", dockerfile);
    expect(refs.map((r) => [r.path, r.role, r.line, r.stages])).toEqual([
      ["docker/e.sh", "entrypoint", 5, [1]],
      ["tools/run.sh", "cmd", 6, [1]],
    ]);
  });

  it("ignores COPY --from of an external image or a path the stage did not copy", async () => {
    const dockerfile =
      'FROM alpine:3.23 AS b\nRUN echo\nFROM debian:12\nCOPY --from=b /e.sh /e.sh\nCOPY --from=busybox:1 /bin/sh /e2.sh\nENTRYPOINT ["/e.sh"]\n';
    repo = await scratchRepo({ Dockerfile: dockerfile, "e.sh": "#!/bin/sh\n" });
    expect(await findCopiedScripts(repo.root, "Dockerfile", dockerfile)).toEqual([]);
  });
});
