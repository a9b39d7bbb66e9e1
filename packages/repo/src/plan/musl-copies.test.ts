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

async function glibcWarnings(lines: string[], ignore: string[]) {
  await repo?.remove();
  repo = await scratchRepo({ Dockerfile: [...lines, ""].join("\n") });
  const config = defaultConfig();
  config.images.ignore = ignore;
  const plan = await planRepository(repo.root, {
    config,
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return (plan.files.find((f) => f.file === "Dockerfile")?.warnings ?? [])
    .filter((w) => w.rule === "glibc")
    .map((w) => [w.line, w.message]);
}

const BUILD = [
  "FROM golang:1.25-bookworm AS build",
  "RUN apt-get update && apt-get install -y --no-install-recommends gcc libsqlite3-dev",
  "RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app",
];

describe("musl output copied into a stage kept on glibc", () => {
  it("warns on the COPY when images.ignore keeps the final Debian stage", async () => {
    const found = await glibcWarnings(
      [
        ...BUILD,
        "FROM debian:bookworm-slim",
        "COPY --from=build /out/app /app",
        "COPY --from=build /src/static/ /static/",
        'ENTRYPOINT ["/app"]',
      ],
      ["debian:bookworm*"],
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe(5);
    expect(found[0]?.[1]).toContain(
      "/out/app comes from stage build (golang:1.25-alpine), which is on Alpine, into stage 1 (debian:bookworm-slim, kept by images.ignore)",
    );
  });

  it("warns for a builder already on Alpine and a Debian stage kept by images.ignore", async () => {
    const found = await glibcWarnings(
      [
        "FROM golang:1.25-alpine AS build",
        "RUN CGO_ENABLED=1 go build -o /out/app .",
        "FROM debian:bookworm-slim",
        "COPY --from=build /out/app /app",
      ],
      ["debian"],
    );
    expect(found.map(([line]) => line)).toEqual([4]);
  });

  it("says nothing when the final stage moves to Alpine too, or only data is copied", async () => {
    const lines = [...BUILD, "FROM debian:bookworm-slim", "COPY --from=build /out/app /app"];
    expect(await glibcWarnings(lines, [])).toEqual([]);
    const data = [...BUILD, "FROM debian:bookworm-slim", "COPY --from=build /src/app.conf /etc/"];
    expect(await glibcWarnings(data, ["debian:bookworm*"])).toEqual([]);
  });
});
