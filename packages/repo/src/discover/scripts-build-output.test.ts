import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { findCopiedScripts } from "./scripts.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const BUILD_THEN_COPY = [
  "FROM alpine:3.24 AS b",
  "WORKDIR /src",
  "COPY . .",
  "RUN make",
  "FROM alpine:3.24",
  "COPY --from=b /src/out/app /usr/local/bin/app",
  "COPY --from=b /src/bin/start.sh /start.sh",
  'ENTRYPOINT ["/start.sh"]',
  'CMD ["app"]',
  "",
].join("\n");

describe("findCopiedScripts and build outputs", () => {
  it("leaves out a file a RUN of the source stage may have made, keeps one the repository has", async () => {
    repo = await scratchRepo({
      Dockerfile: BUILD_THEN_COPY,
      "bin/start.sh": "#!/bin/sh\nexec app\n",
      Makefile: "all:\n",
    });
    const refs = await findCopiedScripts(repo.root, "Dockerfile", BUILD_THEN_COPY);
    expect(refs.map((r) => [r.path, r.role])).toEqual([["bin/start.sh", "entrypoint"]]);
  });

  it("counts a RUN in the stage the source stage is built on", async () => {
    const text = [
      "FROM rust:1.82-alpine AS base",
      "RUN apk add --no-cache musl-dev",
      "FROM base AS builder",
      "WORKDIR /usr/src/myapp",
      "COPY . .",
      "FROM alpine:3.24",
      "COPY --from=builder /usr/src/myapp/target/release/myapp /usr/local/bin/myapp",
      'CMD ["myapp"]',
      "",
    ].join("\n");
    repo = await scratchRepo({ Dockerfile: text });
    expect(await findCopiedScripts(repo.root, "Dockerfile", text)).toEqual([]);
  });

  it("still reports a missing file when no RUN could have made it", async () => {
    const text = [
      "FROM alpine:3.24 AS files",
      "COPY . /src",
      "FROM alpine:3.24",
      "COPY --from=files /src/entry.sh /entry.sh",
      'ENTRYPOINT ["/entry.sh"]',
      "",
    ].join("\n");
    repo = await scratchRepo({ Dockerfile: text });
    const refs = await findCopiedScripts(repo.root, "Dockerfile", text);
    expect(refs.map((r) => [r.path, r.role])).toEqual([["entry.sh", "entrypoint"]]);
  });
});
