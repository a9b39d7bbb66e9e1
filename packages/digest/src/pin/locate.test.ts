import { describe, expect, it } from "vitest";
import { detectFileKind, locateImageReferences } from "./locate.js";
import { findUnpinned } from "./pin-text.js";

const spans = (kind: Parameters<typeof locateImageReferences>[0], text: string) =>
  locateImageReferences(kind, text).map((r) => {
    expect(text.slice(r.start, r.end)).toBe(r.reference);
    return [r.line, r.where, r.reference];
  });

describe("locateImageReferences", () => {
  it("lists Dockerfile images that hold variables, so that they are skipped with a warning", () => {
    const text = [
      "ARG TAG=3.23",
      "ARG BASE=alpine:3.23",
      "ARG OTHER",
      `FROM reg.lan/alpine:\${TAG} AS a`,
      `FROM \${BASE}`,
      `FROM \${BASE}`,
      "FROM $OTHER",
      "FROM a",
      "",
    ].join("\n");
    expect(spans("dockerfile", text)).toEqual([
      [2, "ARG BASE", "alpine:3.23"],
      [4, "FROM", `reg.lan/alpine:\${TAG}`],
      [7, "FROM", "$OTHER"],
    ]);
    // Before, --check passed such a file: nothing unpinned, nothing skipped.
    const found = findUnpinned("dockerfile", text);
    expect(found.skipped.map((s) => s.line)).toEqual([4, 7]);
    expect(found.unpinned.map((u) => u.line)).toEqual([2]);
  });

  it("takes a plain YAML null for no image, not an image named null", () => {
    const text =
      "services:\n  a:\n    image: null\n  b:\n    image: ~ # none\n  c:\n    image: NULL\n";
    expect(spans("compose", text)).toEqual([]);
  });

  it("finds compose services' images, quoted or not, and nothing else", () => {
    const text = [
      "# image: commented:out",
      "services:",
      "  web:",
      '    image: "nginx:1.27"  # front',
      "    command: |",
      "      image: not-a-key:1",
      "    environment:",
      "      image: also-not",
      "  db:",
      "    image: postgres:17",
      "  job:",
      "    build: .",
      `    image: \${REGISTRY}/job:1`,
      "x-other:",
      "  image: ignored:1",
      "",
    ].join("\n");
    expect(spans("compose", text)).toEqual([
      [4, "services.web.image", "nginx:1.27"],
      [10, "services.db.image", "postgres:17"],
      [13, "services.job.image", `\${REGISTRY}/job:1`],
    ]);
  });

  it("finds workflow containers, services and docker:// steps", () => {
    const text = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    container: node:22-alpine",
      "    services:",
      "      redis:",
      "        image: 'redis:7'",
      "        ports: ['6379:6379']",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - name: lint",
      "        uses: docker://alpine:3.23",
      "      - run: |",
      "          container: nope:1",
      "  build:",
      "    container:",
      "      image: ghcr.io/o/builder:2",
      "      options: --cpus 1",
      "",
    ].join("\r\n");
    expect(spans("workflow", text)).toEqual([
      [5, "jobs.test.container", "node:22-alpine"],
      [8, "jobs.test.services.redis.image", "redis:7"],
      [13, "jobs.test.steps.uses", "alpine:3.23"],
      [18, "jobs.build.container.image", "ghcr.io/o/builder:2"],
    ]);
  });

  it("uses the Dockerfile parser for FROM and ARG defaults", () => {
    const text = `ARG BASE_IMAGE=debian:trixie\nFROM \${BASE_IMAGE} AS base\nFROM base\nFROM golang:1.25 AS build\n`;
    expect(spans("dockerfile", text)).toEqual([
      [1, "ARG BASE_IMAGE", "debian:trixie"],
      [4, "FROM", "golang:1.25"],
    ]);
  });
});

describe("detectFileKind", () => {
  it("tells Dockerfiles, compose files and workflows apart by name", () => {
    expect(detectFileKind("Dockerfile")).toBe("dockerfile");
    expect(detectFileKind("docker/app.Dockerfile")).toBe("dockerfile");
    expect(detectFileKind("Containerfile.dev")).toBe("dockerfile");
    expect(detectFileKind("compose.yaml")).toBe("compose");
    expect(detectFileKind("deploy/docker-compose.prod.yml")).toBe("compose");
    expect(detectFileKind(".github/workflows/ci.yml")).toBe("workflow");
    expect(detectFileKind("values.yaml")).toBeUndefined();
    for (const name of [
      "compose2.yaml",
      "docker-compose2.yml",
      "app.compose.yml",
      "x.compose.yaml",
    ])
      expect(detectFileKind(`deploy/${name}`), name).toBe("compose");
    for (const name of ["composer.json", "compose.yaml.bak", "mycompose.yml", "compose.md"])
      expect(detectFileKind(name), name).toBeUndefined();
    for (const source of [
      "src/dockerfile.ts",
      "dockerfile.go",
      "Dockerfile.md",
      "dockerfile.prod",
    ]) {
      expect(detectFileKind(source), source).toBeUndefined();
    }
    expect(detectFileKind("dockerfile")).toBe("dockerfile");
    expect(detectFileKind("api.dockerfile")).toBe("dockerfile");
  });
});
