// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { KNOWN_RELEASES } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { unknownReleaseMessage } from "./alpine-release.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

const findings = (text: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "alpine-release-unknown",
  );

describe("alpine-release-unknown", () => {
  it("warns at FROM alpine:3.99 and names the releases alpinize knows", () => {
    const [f, ...rest] = findings("FROM alpine:3.99\nRUN apk add --no-cache curl\n");
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ line: 1, severity: "warning" });
    expect(f?.message).toContain("Alpine 3.99, newer than every release");
    expect(f?.message).toContain(KNOWN_RELEASES.join(", "));
    expect(f?.message).toContain("check that the tag exists");
  });

  it("warns at an -alpineX.Y tag older than the oldest release alpinize knows", () => {
    const [f] = findings("FROM python:3.13-alpine3.18 AS build\n");
    expect(f?.message).toContain("python:3.13-alpine3.18 is on Alpine 3.18, older than every");
  });

  it("reads the release an ARG default gives the FROM", () => {
    expect(findings("ARG V=3.99\nFROM alpine:${V}\n")).toHaveLength(1);
  });

  it.each([
    ...KNOWN_RELEASES.map((r) => `alpine:${r}`),
    "alpine:3.23.2",
    "alpine:latest",
    "alpine",
    "node:22-alpine",
    `alpine:latest@sha256:${"a".repeat(64)}`,
    `alpine:3.24@sha256:${"a".repeat(64)}`,
    "debian:bookworm",
    "alpine:${NO_DEFAULT}",
  ])("says nothing about %s", (image) => {
    expect(findings(`ARG V=3.99\nFROM ${image}\n`)).toEqual([]);
  });

  describe("a tag of the alpine image that names no release", () => {
    const newest = KNOWN_RELEASES[KNOWN_RELEASES.length - 1];
    // The rule alone: checkStages runs every other rule too.
    const message = (image: string) =>
      unknownReleaseMessage(describeStages(`FROM ${image}\n`, "Dockerfile")[0]!);

    it("alpine:3 floats to the newest 3.x: pin a release", () => {
      expect(message("alpine:3")).toBe(
        `stage 0: alpine:3 names no Alpine release: tag 3 floats to the newest 3.x (the same FROM moves to each new release as it comes out); pin a release (alpine:${newest}); its apk add names are not checked`,
      );
      expect(message(`docker.io/library/alpine:3@sha256:${"b".repeat(64)}`)).toContain(
        "the digest holds one, but the tag does not say which",
      );
    });

    it("alpine:edge is not a release: Alpine's development branch", () => {
      expect(message("alpine:edge")).toContain(
        "alpine:edge is not an Alpine release: edge is Alpine's development branch",
      );
      expect(message("alpine:edge")).toContain(`pin a release (alpine:${newest})`);
    });

    it.each([
      ["alpine:3.24-rc1", "a release candidate or a suffix", "alpine:3.24"],
      ["alpine:v3.99", "Alpine's image tags have no v", `alpine:${newest}`],
      ["alpine:v3.22", "Alpine's image tags have no v", "alpine:3.22"],
      ["alpine:20240923", "release tags are X.Y and X.Y.Z", `alpine:${newest}`],
    ])("%s is no release alpinize knows", (image, why, instead) => {
      const m = message(image);
      expect(m).toContain(`tag ${image.slice(7)} is not an Alpine release alpinize knows (`);
      expect(m).toContain(why);
      expect(m).toContain(`check that the tag exists, or pin a release (${instead})`);
    });

    it.each(["alpine", "alpine:latest", `alpine@sha256:${"c".repeat(64)}`, "alpine:3.23.2"])(
      "%s stays quiet",
      (image) => {
        expect(message(image)).toBeUndefined();
      },
    );
  });
});
