// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { pinnedReference } from "../src/rules/pin-release.js";
import { migrate } from "./helpers.js";

const CLANG = "RUN apt-get update && apt-get install -y --no-install-recommends clang-19\n";
const pins = (r: { warnings: { message: string }[] }) =>
  r.warnings.filter((w) => /which the bare -alpine tag follows/.test(w.message));

describe("an -alpine tag is pinned to the release when the newest one lacks a package", () => {
  it("pins ruby:3.4-alpine to -alpine3.21 for clang19, which 3.24 does not have", () => {
    const text =
      "FROM ruby:3.4-slim-trixie\nRUN apt-get update && apt-get install -y --no-install-recommends clang-19 libclang-19-dev\n";
    const r = migrate(text, { release: "3.21" });
    expect(r.output.split("\n")[0]).toBe("FROM ruby:3.4-alpine3.21");
    expect(r.output).toContain("apk add --no-cache clang19 ");
    expect(r.images).toEqual([expect.objectContaining({ after: "ruby:3.4-alpine3.21" })]);
    expect(pins(r).map((w) => w.message)).toEqual([
      "clang19, clang19-dev exist in Alpine 3.21 but not in 3.24, which the bare -alpine tag follows: pinned to ruby:3.4-alpine3.21; check that ruby 3.4 publishes that tag",
    ]);
    // A second run leaves the pinned tag, and it is not "newer than" the release asked for.
    const again = migrate(r.output, { release: "3.21" });
    expect(again.output).toBe(r.output);
    expect(again.warnings.filter((w) => /newer than/.test(w.message))).toEqual([]);
  });

  it("keeps the bare tag when every package is in the newest release, or that is the target", () => {
    const curl = migrate("FROM ruby:3.4-slim\nRUN apt-get update && apt-get install -y curl\n", {
      release: "3.21",
    });
    expect(curl.output).toMatch(/^FROM ruby:3\.4-alpine\n/);
    expect(pins(curl)).toEqual([]);
    const newest = migrate(`FROM ruby:3.4-slim\n${CLANG}`, { release: "3.24" });
    expect(newest.output).toMatch(/^FROM ruby:3\.4-alpine\n/);
  });

  it("puts the release after alpine in variant tags: php fpm, nginx otel and its base label", () => {
    const php = migrate(`FROM php:8.4-fpm-bookworm\n${CLANG}`, { release: "3.22" });
    expect(php.output).toMatch(/^FROM php:8\.4-fpm-alpine3\.22\n/);
    const nginx = migrate(
      `FROM nginx:1.29-otel\nLABEL org.opencontainers.image.base.name="docker.io/library/nginx:1.29-otel"\n${CLANG}`,
      { release: "3.21" },
    );
    expect(nginx.output).toContain("FROM nginx:1.29-alpine3.21-otel\n");
    expect(nginx.output).toContain('base.name="docker.io/library/nginx:1.29-alpine3.21-otel"');
  });

  it("pins an ARG default the FROM reads: an image ARG and a tag ARG", () => {
    const image = migrate(`ARG IMG=node:24.13.0-bookworm\nFROM \${IMG}\n${CLANG}`, {
      release: "3.21",
    });
    expect(image.output).toMatch(/^ARG IMG=node:24\.13\.0-alpine3\.21\nFROM \$\{IMG\}\n/);
    const tag = migrate(`ARG TAG=8.4-fpm-bookworm\nFROM php:\${TAG}\n${CLANG}`, {
      release: "3.21",
    });
    expect(tag.output).toMatch(/^ARG TAG=8\.4-fpm-alpine3\.21\n/);
    expect(tag.warnings.map((w) => w.message)).toContain(
      "the tag of this image comes from ARG TAG: its default is now 8.4-fpm-alpine3.21; a --build-arg TAG=… must name an Alpine tag too",
    );
  });

  it("keeps a ${VAR} in the tag, and counts what a stage built FROM it installs", () => {
    const tagged = migrate(`ARG PY=3.12\nFROM python:\${PY}-slim\n${CLANG}`, { release: "3.21" });
    expect(tagged.output).toContain("FROM python:${PY}-alpine3.21\n");
    const child = migrate(`FROM ruby:3.4-slim AS base\nFROM base\n${CLANG}`, { release: "3.21" });
    expect(child.output).toMatch(/^FROM ruby:3\.4-alpine3\.21 AS base\n/);
  });

  it("pins only the stage that needs it", () => {
    const r = migrate(
      `FROM golang:1.25-bookworm AS build\nRUN go build ./...\nFROM ruby:3.4-slim\n${CLANG}`,
      { release: "3.21" },
    );
    expect(r.output).toContain("FROM golang:1.25-alpine AS build\n");
    expect(r.output).toContain("FROM ruby:3.4-alpine3.21\n");
  });
});

describe("pinnedReference", () => {
  it.each([
    ["ruby:3.4-alpine", "ruby:3.4-alpine3.21"],
    ["php:8.4-fpm-alpine", "php:8.4-fpm-alpine3.21"],
    ["nginx:mainline-alpine-perl", "nginx:mainline-alpine3.21-perl"],
    ["ruby:alpine", "ruby:alpine3.21"],
    ["ruby:3.4-alpine3.22", undefined],
    ["alpine:3.21", undefined],
    ["ruby:3.4", undefined],
  ])("%s -> %s", (reference, pinned) => {
    expect(pinnedReference(reference, "3.21")).toBe(pinned);
  });
});
