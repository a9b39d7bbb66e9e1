import { describe, expect, it } from "vitest";
import { ARTIFACT_TYPES, formatBytes, parseTrivyReport } from "../src/index.js";
import { gate } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// A report with nothing scanned at all: only ArtifactType decides whether it may pass.
const bare = (type: unknown) =>
  JSON.stringify({ SchemaVersion: 2, ArtifactName: "x", ArtifactType: type, Results: [] });

describe("ArtifactType outside Trivy's set is alien input", () => {
  it.each(["docker_image", "CONTAINER_IMAGE", "whatever", "Container_Image", " vm"])(
    "%j is refused, naming the known values",
    (type) => {
      const err = thrown(() => parseTrivyReport(bare(type), { source: "r.json" }));
      expect(err.code).toBe("ALPINIZE_GATE_REPORT_INVALID");
      expect(err.message).toContain(
        `r.json: ArtifactType: unknown artifact type ${JSON.stringify(type)}`,
      );
      expect(err.message).toContain("container_image, filesystem, repository");
    },
  );

  it("every known type parses; images still need an OS", () => {
    for (const type of ARTIFACT_TYPES) {
      const verdict = gate(bare(type));
      const noOs = verdict.problems.some((p) => p.code === "os-not-detected");
      expect(noOs, type).toBe(type === "container_image" || type === "vm");
    }
  });

  it("a missing or empty ArtifactType still fails closed rather than being refused", () => {
    for (const json of [bare(""), JSON.stringify({ SchemaVersion: 2, Results: [] })]) {
      const verdict = gate(json);
      expect(verdict.passed).toBe(false);
      expect(verdict.problems.map((p) => p.code)).toContain("os-not-detected");
    }
  });

  it("a non-string ArtifactType is a type error", () => {
    expect(thrown(() => parseTrivyReport(bare(3), { source: "r.json" })).message).toMatch(
      /ArtifactType: expected a string/,
    );
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1000, "1000 bytes"],
    [1024, "1 KiB"],
    [1048, "1 KiB"],
    [1536, "1.5 KiB"],
    [10 * 1024 + 700, "11 KiB"],
    [1024 * 1024 - 1, "1 MiB"],
    [8 * 1024 * 1024, "8 MiB"],
    [512 * 1024 * 1024, "512 MiB"],
    [1.5 * 1024 ** 3, "1.5 GiB"],
  ])("%d → %s", (n, text) => expect(formatBytes(n)).toBe(text));
});
