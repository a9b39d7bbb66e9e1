import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import { dockerfileSection } from "./sections.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("the stage table's Why column", () => {
  it("says kept: images.ignore for a stage images.ignore keeps, whatever its image", async () => {
    repo = await scratchRepo({
      Dockerfile: [
        "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04 AS gpu",
        "FROM debian:bookworm-slim AS tools",
        "FROM python:3.12-slim",
        "",
      ].join("\n"),
    });
    const config = defaultConfig();
    config.images.ignore = ["nvidia/cuda", "debian:bookworm*"];
    const plan = await planRepository(repo.root, {
      config,
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const rows = dockerfileSection(plan.files[0]!).filter((l) => l.startsWith("| "));
    expect(rows.map((r) => r.split("|")[5]?.trim())).toEqual([
      "Why",
      "---",
      "kept: images.ignore",
      "kept: images.ignore",
      "the image publishes an Alpine variant of the same version",
    ]);
  });
});
