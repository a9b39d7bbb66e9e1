import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const first = (text: string) => migrate(text).output.split("\n")[0];
const fromWarnings = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "from")
    .map((w) => w.message);
const RUN = "RUN apt-get update && apt-get install -y curl\n";

describe("a known mirror of an official image (mirror.gcr.io/library, public.ecr.aws/docker/library)", () => {
  it.each([
    [
      "public.ecr.aws/docker/library/python:3.12-slim",
      "public.ecr.aws/docker/library/python:3.12-alpine",
    ],
    ["mirror.gcr.io/library/node:22-bookworm", "mirror.gcr.io/library/node:22-alpine"],
    ["public.ecr.aws/docker/library/debian:bookworm", "public.ecr.aws/docker/library/alpine:3.23"],
    ["registry-1.docker.io/library/node:20", "registry-1.docker.io/library/node:20-alpine"],
    ["index.docker.io/library/ubuntu:24.04", "index.docker.io/library/alpine:3.23"],
  ])("%s -> %s, the registry kept, RUN lines converted", (written, after) => {
    const text = `FROM ${written}\n${RUN}`;
    expect(first(text)).toBe(`FROM ${after}`);
    expect(migrate(text).output).toContain("RUN apk add --no-cache curl");
    expect(fromWarnings(text).join("\n")).not.toMatch(/no Alpine variant/);
  });

  it("an Alpine image on a mirror is Alpine already", () => {
    const text = "FROM public.ecr.aws/docker/library/alpine:3.20\nRUN apk add --no-cache curl\n";
    expect(migrate(text).output).toBe(text);
    expect(fromWarnings(text)).toEqual([]);
  });

  it("a renovate comment naming the mirror keeps its registry path", () => {
    const text =
      "# renovate: datasource=docker depName=public.ecr.aws/docker/library/debian\nFROM public.ecr.aws/docker/library/debian:bookworm\n";
    expect(migrate(text).output).toBe(
      "# renovate: datasource=docker depName=public.ecr.aws/docker/library/alpine\nFROM public.ecr.aws/docker/library/alpine:3.23\n",
    );
  });

  it.each([
    ["registry.example.com/python:3.12-slim", "registry.example.com/python:3.12-alpine"],
    ["ghcr.io/acme/node:22-bookworm", "ghcr.io/acme/node:22-alpine"],
    ["registry.example.com/mirror/debian:12", "registry.example.com/mirror/alpine:3.23"],
    // Harbor's default project is named library: an image there may be a private one.
    ["myreg.example/library/python:3.12", "myreg.example/library/python:3.12-alpine"],
    [
      "registry.example.com/dockerhub/library/golang:1.25",
      "registry.example.com/dockerhub/library/golang:1.25-alpine",
    ],
    [
      "registry.example.com:5000/library/ubuntu:24.04",
      "registry.example.com:5000/library/alpine:3.23",
    ],
  ])("another registry's %s is not rewritten: the warning names %s", (written, after) => {
    const text = `FROM ${written}\n${RUN}`;
    expect(migrate(text).output).toBe(text);
    const w = fromWarnings(text);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(`if it mirrors it, change the FROM to ${after}`);
  });

  it("another registry's library/alpine is Alpine already", () => {
    const text = "FROM myreg.example/library/alpine:3.20\nRUN apk add --no-cache curl\n";
    expect(migrate(text).output).toBe(text);
    expect(fromWarnings(text)).toEqual([]);
  });

  it("a Docker Hub image named like an official one is no mirror (no suggestion)", () => {
    const text = `FROM acme/python:3.12\n${RUN}`;
    expect(fromWarnings(text)).toEqual([
      expect.stringMatching(/^no Alpine variant is known for acme\/python/),
    ]);
  });
});

describe("Microsoft's dev container images are Debian-based, not another distribution", () => {
  it("devcontainers/base:bookworm: the Alpine tag to use, the stage left as is", () => {
    const text = `FROM mcr.microsoft.com/devcontainers/base:bookworm\n${RUN}`;
    expect(migrate(text).output).toBe(text);
    const w = fromWarnings(text);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /^mcr\.microsoft\.com\/devcontainers\/base:bookworm is a Debian-based dev container image, with Alpine tags of its own: change the FROM to mcr\.microsoft\.com\/devcontainers\/base:alpine-3\.23 /,
    );
    expect(w[0]).not.toContain("not a Debian");
  });

  it("an Ubuntu tag says Ubuntu; an alpine tag is Alpine already", () => {
    expect(fromWarnings(`FROM mcr.microsoft.com/devcontainers/base:noble\n${RUN}`)[0]).toMatch(
      /is an Ubuntu-based dev container image/,
    );
    const alpine =
      "FROM mcr.microsoft.com/devcontainers/base:alpine-3.21\nRUN apk add --no-cache curl\n";
    expect(migrate(alpine).output).toBe(alpine);
    expect(fromWarnings(alpine)).toEqual([]);
  });

  it.each([
    ["mcr.microsoft.com/devcontainers/typescript-node:22-bookworm", "node:<version>-alpine"],
    ["mcr.microsoft.com/vscode/devcontainers/python:3.12-bullseye", "python:<version>-alpine"],
    ["mcr.microsoft.com/devcontainers/go:1.25-bookworm", "golang:<version>-alpine"],
  ])("%s has no Alpine tags: base's and the official %s named", (written, official) => {
    const text = `FROM ${written}\n${RUN}`;
    expect(migrate(text).output).toBe(text);
    const w = fromWarnings(text);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(
      "is a Debian-based dev container image; Microsoft publishes no Alpine tags of it",
    );
    expect(w[0]).toContain("devcontainers/base:alpine-3.23");
    expect(w[0]).toContain(`the official ${official} image`);
  });
});
