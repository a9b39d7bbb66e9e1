import { describe, expect, it } from "vitest";
import { imageFamily, isIgnoredImage } from "./images.js";

describe("imageFamily", () => {
  it("reads the distribution from official defaults, codenames and distro words in tags", () => {
    expect(imageFamily("mysql:8.4")).toBe("other"); // Oracle Linux
    expect(imageFamily("mysql:8.0-debian")).toBe("debian");
    expect(imageFamily("mariadb:11")).toBe("ubuntu");
    expect(imageFamily("hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim")).toBe(
      "debian",
    );
    expect(imageFamily("ocaml/opam:debian-12-ocaml-5.2")).toBe("debian");
    expect(imageFamily("ocaml/opam:ubuntu-24.04-ocaml-5.2")).toBe("ubuntu");
    expect(imageFamily("node:24-alpine")).toBe("alpine");
    expect(imageFamily("myorg/debianish:1")).toBe("other");
    // Every Ubuntu codename migrate reads (its release table), lunar and mantic too.
    expect(imageFamily("buildpack-deps:mantic-scm")).toBe("ubuntu");
    expect(imageFamily("tomcat:10-jdk21-temurin-lunar")).toBe("ubuntu");
    expect(imageFamily("myorg/tools:1-groovy")).toBe("other");
    // Debian's suites come from the same table, old and unreleased ones too; `slim` stays Debian.
    for (const image of [
      "python:3.6-jessie",
      "node:8-stretch",
      "x/y:forky.1",
      "gcc:sid",
      "z:1-slim",
    ])
      expect(imageFamily(image)).toBe("debian");
    expect(imageFamily("myorg/tools:1-sidecar")).toBe("other");
  });

  // The facts migrate acts on (@alpinize/dockerfile's official-image table), not a second list:
  // caddy and traefik were read as Debian here though migrate knows them as Alpine already, and
  // images migrate moves to -alpine tags (redmine, eclipse-temurin) were not known as Debian.
  it("reads official images' default tags from the table migrate uses", () => {
    expect(imageFamily("caddy:2")).toBe("alpine");
    expect(imageFamily("traefik:v3.1")).toBe("alpine");
    expect(imageFamily("composer:2")).toBe("alpine");
    expect(imageFamily("redmine:6")).toBe("debian");
    expect(imageFamily("eclipse-temurin:21-jre")).toBe("ubuntu");
    expect(imageFamily("rabbitmq:4")).toBe("ubuntu");
    expect(imageFamily("tomcat:10")).toBe("other");
    expect(imageFamily("ghcr.io/acme/caddy:2")).toBe("other");
  });

  // migrate moves (or names the Alpine image for) these FROMs: check read them as "other" and
  // passed a stage running apt-get on them.
  it("reads a FROM as migrate does: Docker Hub's known mirrors and dev container images", () => {
    expect(imageFamily("mirror.gcr.io/library/node:20")).toBe("debian");
    expect(imageFamily("public.ecr.aws/docker/library/node:20")).toBe("debian");
    expect(imageFamily("mirror.gcr.io/library/python:3.12")).toBe("debian");
    expect(imageFamily("public.ecr.aws/docker/library/eclipse-temurin:21-jre")).toBe("ubuntu");
    expect(imageFamily("mirror.gcr.io/library/caddy:2")).toBe("alpine");
    expect(imageFamily("mcr.microsoft.com/devcontainers/python:3.12")).toBe("debian");
    expect(imageFamily("mcr.microsoft.com/devcontainers/javascript-node:20")).toBe("debian");
    expect(imageFamily("mcr.microsoft.com/devcontainers/base:noble")).toBe("ubuntu");
    expect(imageFamily("mcr.microsoft.com/devcontainers/universal:2")).toBe("ubuntu");
    expect(imageFamily("mcr.microsoft.com/devcontainers/base:alpine-3.21")).toBe("alpine");
    // Another registry's library project may hold an image of its own: migrate only suggests.
    expect(imageFamily("myreg.example/library/python:3.12")).toBe("other");
    expect(imageFamily("ghcr.io/acme/node:20")).toBe("other");
  });
});

describe("isIgnoredImage", () => {
  it("matches a name, a name with its tag, or the reference as written", () => {
    expect(isIgnoredImage("docker.io/library/debian:12", ["debian"])).toBe(true);
    expect(isIgnoredImage("debian:bookworm-slim", ["debian:bookworm*"])).toBe(true);
    expect(isIgnoredImage("debian:trixie", ["debian:bookworm*"])).toBe(false);
    expect(isIgnoredImage("nvidia/cuda:12.4.1-runtime-ubuntu22.04", ["*/cuda"])).toBe(true);
    expect(isIgnoredImage("ghcr.io/o/r@sha256:abc", ["ghcr.io/*@sha256:*"])).toBe(true);
  });

  it("answers for a pattern of many stars and a long name that nearly matches it", () => {
    const pattern = `${"*a".repeat(25)}*b`;
    expect(isIgnoredImage(`${"a".repeat(60)}:1`, [pattern])).toBe(false);
    expect(isIgnoredImage(`${"a".repeat(60)}b:1`, [pattern])).toBe(true);
  });
});
