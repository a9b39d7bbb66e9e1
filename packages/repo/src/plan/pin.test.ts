import { createResolver, type PinResolver, resolveMany } from "@alpinize/digest";
import { pushImage, type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { renderReport } from "../report/markdown.js";
import { pinPlan } from "./pin.js";
import { planRepository } from "./plan.js";

/**
 * The migration writes Docker Hub references; the test registry is on loopback. This resolver
 * asks the real loopback registry for the same repository and tag (a mirror, as a registry
 * mirror would be configured), so every digest comes from a real registry answer.
 */
function loopbackMirror(registry: StartedRegistry): PinResolver {
  const resolver = createResolver({});
  return async (references) => {
    const mirrored = references.map((r) => `${registry.host}/library/${r}`);
    const outcomes = await resolveMany(resolver, mirrored);
    return outcomes.map((o, i) => ({ ...o, reference: references[i]! }));
  };
}

describe("migrate --pin (pinPlan) against a real registry on loopback", () => {
  let registry: StartedRegistry;
  let repo: ScratchRepo;
  let golangDigest = "";
  let alpineDigest = "";
  beforeAll(async () => {
    registry = await startRegistry();
    golangDigest = (await pushImage(registry.url, "library/golang", "1.25-alpine")).digest;
    alpineDigest = (await pushImage(registry.url, "library/alpine", "3.23")).digest;
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
    await repo?.remove();
  });

  it("pins exactly the references the migration rewrote, to the index digest", async () => {
    repo = await scratchRepo({
      Dockerfile:
        "FROM tonistiigi/xx:1.9.0 AS xx\nFROM golang:1.25-bookworm AS build\nRUN go build -o /app .\nFROM debian:trixie-slim\nCOPY --from=build /app /app\n",
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const failures = await pinPlan(plan, loopbackMirror(registry));
    expect(failures).toEqual([]);
    const after = plan.files[0]?.after ?? "";
    expect(after).toContain(`FROM golang:1.25-alpine@${golangDigest} AS build`);
    expect(after).toContain(`FROM alpine:3.23@${alpineDigest}\n`);
    expect(after).toContain("FROM tonistiigi/xx:1.9.0 AS xx");
    expect(plan.pins.map((p) => [p.line, p.reference, p.digest])).toEqual([
      [2, "golang:1.25-alpine", golangDigest],
      [4, "alpine:3.23", alpineDigest],
    ]);
    expect(renderReport(plan)).toContain(`\`alpine:3.23@${alpineDigest}\``);
  });

  it("reports a rewritten tag the registry does not have, and leaves it unpinned", async () => {
    const missing = await scratchRepo({ Dockerfile: "FROM node:24.13.0-slim\n" });
    try {
      const plan = await planRepository(missing.root, {
        config: defaultConfig(),
        transforms: defaultTransforms(),
        release: "3.23",
      });
      const failures = await pinPlan(plan, loopbackMirror(registry));
      expect(failures).toMatchObject([
        { file: "Dockerfile", line: 1, reference: "node:24.13.0-alpine" },
      ]);
      expect(plan.files[0]?.after).toBe("FROM node:24.13.0-alpine\n");
    } finally {
      await missing.remove();
    }
  });
});
