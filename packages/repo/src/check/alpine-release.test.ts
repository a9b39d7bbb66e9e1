// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { KNOWN_RELEASES } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
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
    "alpine:edge",
    "debian:bookworm",
    "alpine:${NO_DEFAULT}",
  ])("says nothing about %s", (image) => {
    expect(findings(`ARG V=3.99\nFROM ${image}\n`)).toEqual([]);
  });
});
