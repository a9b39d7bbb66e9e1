// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import type { CheckSettings } from "./types.js";

const settings: CheckSettings = { skip: [], requireDigests: false, ignoreImages: [] };

function findings(text: string, overrides: Partial<CheckSettings> = {}) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
    ...settings,
    ...overrides,
  }).map((f) => `${f.line}:${f.rule}:${f.severity}`);
}

describe("check with variables in FROM", () => {
  it("resolves a global ARG default inside the tag", () => {
    const text =
      "ARG ALPINE_VERSION=3.23\nFROM alpine:${ALPINE_VERSION}\nRUN apt-get install -y curl && useradd x\n";
    expect(findings(text)).toEqual([
      "2:base-image-unpinned:warning",
      "3:apt-in-alpine:error",
      "3:shadow-user-commands:error",
    ]);
    expect(describeStages(text, "Dockerfile")[0]?.image).toBe("alpine:3.23");
  });

  it("resolves ${X:-default} and ARG defaults that use earlier ARGs", () => {
    const stages = describeStages(
      "ARG V=3.23\nARG BASE=alpine:${V}\nFROM ${BASE}\nFROM debian:${D:-12}-slim\n",
      "Dockerfile",
    );
    expect(stages.map((s) => [s.image, s.family, s.unresolved])).toEqual([
      ["alpine:3.23", "alpine", []],
      ["debian:12-slim", "debian", []],
    ]);
  });

  it.each([
    ["FROM alpine:${ALPINE_VERSION}", "alpine"],
    ["FROM alpine:$V", "alpine"],
    ["FROM python:${PY}-alpine", "alpine"],
    ["FROM ${REG}/alpine:3.23", "alpine"],
    ["FROM ${REG}:5000/team/alpine:${V}", "alpine"],
  ])("judges %s as Alpine by its written parts", (from, family) => {
    const text = `${from}\nRUN apt-get install -y curl && useradd x\n`;
    expect(describeStages(text, "Dockerfile")[0]?.family).toBe(family);
    expect(findings(text)).toEqual([
      "1:base-image-unpinned:warning",
      "2:apt-in-alpine:error",
      "2:shadow-user-commands:error",
    ]);
  });

  it("flags a Debian base whose tag holds a variable", () => {
    const text = "FROM debian:${DEBIAN_VERSION}-slim\nRUN apt-get install -y curl\n";
    expect(findings(text)).toEqual(["1:debian-base:error", "1:base-image-unpinned:warning"]);
    expect(findings("FROM ubuntu:${U}\n")).toContain("1:debian-base:error");
  });

  it("does not guess when the variable part decides the distribution", () => {
    for (const from of ["FROM python:${PY}", "FROM ${BASE}", "FROM ${BASE}:latest"]) {
      const [stage] = describeStages(`${from}\nRUN apt-get install -y x\n`, "Dockerfile");
      expect(stage?.family).toBe("unknown");
      expect(findings(`${from}\nRUN apt-get install -y x\n`)).toEqual([
        "1:base-image-unpinned:warning",
      ]);
    }
  });

  it("makes an image whose digest cannot be checked an error under requireDigests, saying why", () => {
    const text = "FROM alpine:${V}\n";
    const [finding] = checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
      ...settings,
      requireDigests: true,
    });
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toMatch(/\$\{V\} has no default in a global ARG/);
    const pinned = `ARG D=sha256:${"c".repeat(64)}\nFROM alpine:3.23@\${D}\n`;
    expect(findings(pinned, { requireDigests: true })).toEqual([]);
  });

  it("honours images.ignore for a reference with a variable tag", () => {
    const text = "FROM debian:${V}\nRUN apt-get install -y curl\n";
    expect(findings(text, { ignoreImages: ["debian"] })).toEqual([]);
  });
  it("takes a FROM whose global ARG defaults name an earlier stage for that stage, not an image", () => {
    const text =
      "ARG APP_ENV=production\nFROM alpine:3.23@sha256:" +
      "a".repeat(64) +
      " AS build-production\nFROM build-${APP_ENV}\n";
    expect(findings(text, { requireDigests: true })).toEqual([]);
    expect(describeStages(text, "Dockerfile").map((s) => [s.parent, s.family])).toEqual([
      [undefined, "alpine"],
      ["build-production", "alpine"],
    ]);
  });

  it("takes a FROM whose global ARG default is built from earlier ARGs for the stage it names", () => {
    const text =
      "ARG APP_ENV=production\nARG STAGE=build-${APP_ENV}\nFROM alpine:3.23@sha256:" +
      "a".repeat(64) +
      " AS build-production\nFROM ${STAGE}\nRUN apk add --no-cache curl\n";
    expect(findings(text, { requireDigests: true })).toEqual([]);
    expect(describeStages(text, "Dockerfile").map((s) => [s.parent, s.family])).toEqual([
      [undefined, "alpine"],
      ["build-production", "alpine"],
    ]);
  });
});
