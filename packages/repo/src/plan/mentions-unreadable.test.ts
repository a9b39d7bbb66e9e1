import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { renderReport } from "../report/markdown.js";
import { MAX_TEXT_BYTES } from "../workspace/files.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("compose files and workflows that cannot be read", () => {
  it("are listed as skipped by name; the readable ones are still searched", async () => {
    repo = await scratchRepo({
      Dockerfile: "FROM debian:bookworm-slim\n",
      "compose.yaml": "\u007fELF\u0000\u0000binary",
      "docker-compose.override.yml": "services:\n  a:\n    image: debian:bookworm-slim\n",
      ".github/workflows/big.yml": `# ${"x".repeat(MAX_TEXT_BYTES)}\n`,
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(plan.mentions.map((m) => `${m.file}:${m.line}`)).toEqual([
      "docker-compose.override.yml:3",
    ]);
    expect(plan.skipped.map((s) => s.file).sort()).toEqual([
      ".github/workflows/big.yml",
      "compose.yaml",
    ]);
    expect(plan.skipped.find((s) => s.file === "compose.yaml")?.message).toBe(
      "compose.yaml: binary file (contains NUL bytes); not searched for base image names",
    );
    expect(plan.unparsable).toEqual([]);
    expect(renderReport(plan)).toContain(
      `- \`.github/workflows/big.yml\`: .github/workflows/big.yml: larger than 4 MiB; not searched for base image names`,
    );
  });
});
