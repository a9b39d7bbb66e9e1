// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";
import { migrate, packageMap } from "./helpers.js";

const fromOf = (text: string, release = "3.23") =>
  migrate(text, { release })
    .output.split("\n")
    .filter((l) => l.startsWith("FROM") || l.startsWith("ARG"));

describe("rule 1: FROM", () => {
  it("moves Debian, Ubuntu and buildpack-deps to alpine:<release>", () => {
    expect(fromOf("FROM debian:trixie-slim\n")).toEqual(["FROM alpine:3.23"]);
    expect(fromOf("FROM ubuntu:24.04 AS base\n", "3.22")).toEqual(["FROM alpine:3.22 AS base"]);
    expect(fromOf("FROM docker.io/library/debian:12\n")).toEqual([
      "FROM docker.io/library/alpine:3.23",
    ]);
    const r = migrate("FROM buildpack-deps:bookworm\n");
    // buildpack-deps shipped ca-certificates; plain Alpine gets it back (see busybox.test.ts)
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache ca-certificates\n");
    expect(r.warnings.map((w) => w.message)).toEqual([
      "buildpack-deps shipped ca-certificates, which TLS clients in the image rely on: added it",
    ]);
    // A stage that compiles gets the toolchain back, and a note about the -dev libraries.
    const full = migrate("FROM buildpack-deps:bookworm\nRUN ./configure && make\n");
    expect(full.output).toContain(
      "RUN apk add --no-cache ca-certificates gcc g++ make musl-dev linux-headers\n",
    );
    expect(full.warnings[0]?.message).toMatch(
      /added ca-certificates gcc .*; buildpack-deps also shipped many -dev libraries/,
    );
    expect(full.warnings[0]?.message).not.toMatch(/build-base/);
    // The -curl tag never had compilers: no word about them.
    const curl = migrate("FROM buildpack-deps:bookworm-curl\nRUN curl -fsSL x | tar -xz\n");
    expect(curl.warnings.map((w) => w.message)).toEqual([
      "buildpack-deps preinstalled tools this stage uses: added ca-certificates curl",
    ]);
  });

  it("defaults to the newest release the package data knows", () => {
    const r = migrateDockerfile("FROM debian:12\n");
    expect(r.release).toBe("3.24");
    expect(r.output).toBe("FROM alpine:3.24\n");
  });

  it("picks the -alpine tag of official images for the same version", () => {
    expect(fromOf("FROM golang:1.25-trixie\n")).toEqual(["FROM golang:1.25-alpine"]);
    expect(fromOf("FROM node:24.13.0-slim\n")).toEqual(["FROM node:24.13.0-alpine"]);
    expect(fromOf("FROM python:3.13-slim-trixie\n")).toEqual(["FROM python:3.13-alpine"]);
    expect(fromOf("FROM php:8.3-zts-bookworm\n")).toEqual(["FROM php:8.3-zts-alpine"]);
    expect(fromOf("FROM eclipse-temurin:21-jdk-noble\n")).toEqual([
      "FROM eclipse-temurin:21-jdk-alpine",
    ]);
    expect(fromOf("FROM nginx:mainline-otel\n")).toEqual(["FROM nginx:mainline-alpine-otel"]);
    expect(fromOf("FROM redis\n")).toEqual(["FROM redis:alpine"]);
    expect(fromOf("FROM wordpress:6-php8.3-fpm\n")).toEqual(["FROM wordpress:6-php8.3-fpm-alpine"]);
    expect(fromOf("FROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim\n")).toEqual([
      "FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine",
    ]);
    expect(fromOf("FROM composer:2\n")).toEqual(["FROM composer:2"]);
    expect(migrate("FROM wordpress:6.5\n").warnings[0]?.message).toMatch(/no Alpine variant/);
  });

  it("keeps --platform, AS names, stage references and scratch", () => {
    const text = [
      "FROM --platform=$BUILDPLATFORM golang:1.25-bookworm AS build",
      "FROM build AS test",
      "FROM scratch",
      "COPY --from=build /x /x",
      "",
    ].join("\n");
    expect(migrate(text).output).toBe(text.replace("1.25-bookworm", "1.25-alpine"));
  });

  it("rewrites the default of an ARG used as FROM ${X}, once", () => {
    const text = "ARG BASE=debian:trixie-slim\nFROM ${BASE} AS a\nFROM ${BASE} AS b\n";
    const r = migrate(text);
    expect(r.output).toBe("ARG BASE=alpine:3.23\nFROM ${BASE} AS a\nFROM ${BASE} AS b\n");
    expect(r.images).toHaveLength(1);
  });

  it("drops a digest from a rewritten reference and says it needs a new pin", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const r = migrate(`FROM debian:12@${digest}\n`);
    expect(r.output).toBe("FROM alpine:3.23\n");
    expect(r.images[0]).toMatchObject({
      before: `debian:12@${digest}`,
      after: "alpine:3.23",
      needsPin: true,
    });
    expect(r.warnings.some((w) => w.rule === "from" && /pin/.test(w.message))).toBe(true);
  });

  it("leaves images without an Alpine variant, with a warning, and their RUN lines alone", () => {
    const text = "FROM registry.example.com/team/base:1\nRUN apt-get install -y curl\n";
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings).toMatchObject([{ rule: "from", line: 1, column: 6 }]);
    expect(migrate("FROM php:8.4-apache\n").warnings[0]?.message).toMatch(/no Alpine variant/);
  });

  it("rule 12: a renovate comment follows the image it describes", () => {
    const text =
      "# renovate: datasource=docker depName=debian\nARG IMG=debian:trixie-slim\nFROM ${IMG}\n";
    expect(migrate(text).output).toBe(
      "# renovate: datasource=docker depName=alpine\nARG IMG=alpine:3.23\nFROM ${IMG}\n",
    );
    const golang =
      "# renovate: datasource=docker depName=golang versioning=docker\nFROM golang:1.25-trixie\n";
    expect(migrate(golang).output).toContain(
      "depName=golang versioning=docker\nFROM golang:1.25-alpine",
    );
  });

  it("accepts an injected package map and reports its release", () => {
    const r = migrateDockerfile("FROM debian\n", { packageMap: packageMap("3.22") });
    expect(r.output).toBe("FROM alpine:3.22\n");
  });
});

describe("rule 1: FROM ${ARG} with no default", () => {
  it("converts a stage that runs Debian tools and says how to build it", () => {
    const r = migrate("ARG BASE\nFROM ${BASE}\nRUN apt-get update && apt-get install -y curl\n");
    expect(r.output).toBe("ARG BASE\nFROM ${BASE}\nRUN apk add --no-cache curl\n");
    expect(r.warnings[0]?.message).toMatch(/--build-arg BASE=alpine:3\.23/);
  });

  it("leaves a stage without Debian tools as it is", () => {
    const r = migrate("ARG BASE\nFROM ${BASE}\nRUN make\n");
    expect(r.changed).toBe(false);
    expect(r.warnings[0]?.message).toMatch(/ARG BASE has no default; set an Alpine image/);
  });
});

describe("rule 1: tags built from variables", () => {
  it("keeps the variable and swaps the variant, or names the Alpine base", () => {
    const r = migrate(
      "FROM golang:${GO}-bookworm AS b\nFROM python:${PY}-slim\nFROM debian:${V:-bookworm}\nRUN apt-get install -y curl\n",
    );
    expect(r.output).toBe(
      "FROM golang:${GO}-alpine AS b\nFROM python:${PY}-alpine\nFROM alpine:3.23\nRUN apk add --no-cache curl\n",
    );
    expect(
      r.warnings.some((w) => /the tag came from a variable, which no longer picks/.test(w.message)),
    ).toBe(true);
  });

  it("drops a suite variable that the Alpine tag has no place for", () => {
    const r = migrate("FROM python:3.12-slim-${SUITE:-bookworm}\nRUN apt-get install -y curl\n");
    expect(r.output).toContain("FROM python:3.12-alpine\n");
  });

  it("leaves images it knows no Alpine variant of, with a warning", () => {
    const r = migrate("FROM myorg/app:${TAG}\nRUN apt-get install -y curl\n");
    expect(r.changed).toBe(false);
    expect(r.warnings[0]?.message).toMatch(/myorg\/app:\$\{TAG\} takes its tag from a variable/);
  });
});

describe("full Debian tags and their toolchains", () => {
  const notes = (text: string) =>
    migrate(text)
      .warnings.filter((w) => w.rule === "from")
      .map((w) => w.message);

  it("warns when a golang stage uses cgo without installing gcc", () => {
    // CGO_ENABLED=1 gets gcc and musl-dev added (go-cgo.ts); a make call gets make, and a note
    // that what it builds may need cgo.
    expect(notes("FROM golang:1.23-bookworm\nRUN CGO_ENABLED=1 go build -o /app .\n")).toEqual([
      expect.stringMatching(/CGO_ENABLED=1 needs a C compiler .*: added gcc musl-dev$/),
    ]);
    expect(notes("FROM golang:1.23-bookworm\nRUN make build\n")).toEqual([
      expect.stringMatching(/calls make, .*: added make; .*if it does, add gcc musl-dev$/),
    ]);
    expect(notes("FROM golang:1.23-bookworm\nRUN CGO_ENABLED=0 go build -o /app .\n")).toEqual([]);
    expect(
      notes("FROM golang:1.23\nRUN apt-get install -y gcc libc6-dev && CGO_ENABLED=1 go build .\n"),
    ).toEqual([]);
  });

  it("warns for a full python/node tag whose stage builds native packages, not for slim", () => {
    expect(notes("FROM python:3.12\nRUN pip install psycopg2\n")).toEqual([
      expect.stringMatching(/python:3\.12 is built on buildpack-deps/),
    ]);
    expect(notes("FROM python:3.12-slim\nRUN pip install psycopg2\n")).toEqual([]);
    expect(notes("FROM node:20-bookworm\nRUN echo hi\n")).toEqual([]);
  });

  it("adds the buildpack-deps tools a full language tag's stage uses (curl, gnupg, git)", () => {
    const py = migrate(
      "FROM python:3.12-bookworm\nRUN curl -fsSLo /x https://e.org/x && git clone https://e.org/r\n",
    );
    expect(py.output).toBe(
      "FROM python:3.12-alpine\nRUN apk add --no-cache curl git\nRUN curl -fsSLo /x https://e.org/x && git clone https://e.org/r\n",
    );
    expect(py.warnings.map((w) => w.message)).toEqual([
      "python:3.12-bookworm is built on buildpack-deps, which preinstalled tools this stage uses; the -alpine tag has none: added curl git",
    ]);
    // golang's Debian tags are on the -scm variant; gpg comes with it too.
    expect(
      migrate("FROM golang:1.23\nRUN curl -fsS https://e.org/k | gpg --import\n").output,
    ).toContain("FROM golang:1.23-alpine\nRUN apk add --no-cache curl gnupg\n");
    // slim tags never had them; a stage that installs them keeps its own install.
    expect(migrate("FROM python:3.12-slim\nRUN curl -fsS https://e.org\n").output).toBe(
      "FROM python:3.12-alpine\nRUN curl -fsS https://e.org\n",
    );
    expect(
      migrate("FROM node:22-bookworm\nRUN apt-get install -y curl && curl -fsS https://e.org\n")
        .output,
    ).toBe("FROM node:22-alpine\nRUN apk add --no-cache curl && curl -fsS https://e.org\n");
  });

  it("leaves openjdk as is and points at eclipse-temurin", () => {
    const r = migrate("FROM openjdk:17-slim\n");
    expect(r.output).toBe("FROM openjdk:17-slim\n");
    expect(r.warnings[0]?.message).toMatch(/use eclipse-temurin:<version>-jre-alpine/);
  });
});

describe("rule 1: a registry from a variable in front of the image", () => {
  it("rewrites the image after ${REGISTRY}/ and keeps the variable, with a warning", () => {
    const r = migrate(
      "ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n",
    );
    expect(r.output).toBe(
      "ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/alpine:3.23\nRUN apk add --no-cache curl\n",
    );
    expect(r.warnings[0]?.message).toMatch(/^\$\{REGISTRY\} supplies the registry of this image/);
    const mirror = migrate("ARG MIRROR=mirror.gcr.io/library\nFROM $MIRROR/python:3.12-slim\n");
    expect(mirror.output).toContain("FROM $MIRROR/python:3.12-alpine\n");
  });
});

describe("rule 1: tags built from variables that name the Debian release", () => {
  it("drops a variable holding only the Debian release, and rewrites a whole-tag ARG default", () => {
    const two = migrate("ARG V=3.12\nARG D=bookworm\nFROM python:${V}-${D}\n");
    expect(two.output).toBe("ARG V=3.12\nARG D=bookworm\nFROM python:${V}-alpine\n");
    expect(two.warnings[0]?.message).toMatch(/^ARG D named the Debian release/);
    const slim = migrate(
      "ARG PYTHON_VERSION=3.12\nARG DEBIAN_VERSION=bookworm\nFROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION}\n",
    );
    expect(slim.output).toContain("FROM python:${PYTHON_VERSION}-alpine\n");
    const whole = migrate("ARG TAG=3.12-slim-bookworm\nFROM python:${TAG}\n");
    expect(whole.output).toBe("ARG TAG=3.12-alpine\nFROM python:${TAG}\n");
    expect(whole.warnings[0]?.message).toMatch(
      /comes from ARG TAG: its default is now 3\.12-alpine/,
    );
  });
});

describe("rule 1: a suite ARG shared by several stages", () => {
  it("says once that the variable no longer takes part", () => {
    const r = migrate(
      "ARG S=bookworm\nFROM golang:1.23-${S} AS b\nFROM node:22-${S} AS n\nFROM debian:${S}-slim\n",
    );
    expect(r.output).toBe(
      "ARG S=bookworm\nFROM golang:1.23-alpine AS b\nFROM node:22-alpine AS n\nFROM alpine:3.23\n",
    );
    expect(r.warnings.filter((w) => /^ARG S named/.test(w.message))).toHaveLength(1);
  });
});

describe("rule 1: a Debian release in an ARG when the image itself changes", () => {
  it("writes alpine:<release> where debian:${V} stood, and leaves the ARG", () => {
    const r = migrate("ARG V=bookworm-slim\nFROM debian:${V}\nRUN apt-get install -y curl\n");
    expect(r.output).toBe("ARG V=bookworm-slim\nFROM alpine:3.23\nRUN apk add --no-cache curl\n");
    expect(r.warnings[0]?.message).toMatch(/^debian:\$\{V\}: ARG V chose the Debian release/);
    expect(r.images).toEqual([
      expect.objectContaining({ before: "debian:${V}", after: "alpine:3.23" }),
    ]);
    const ubuntu = migrate("ARG U=22.04\nFROM ubuntu:$U\n");
    expect(ubuntu.output).toBe("ARG U=22.04\nFROM alpine:3.23\n");
  });

  it("rewrites an image ARG that nests the release ARG, and never the shared release ARG", () => {
    const r = migrate(
      'ARG D=bookworm-slim\nARG B="hexpm/elixir:1.16.2-erlang-26.2.5-debian-${D}"\nARG R="debian:${D}"\nFROM ${B} AS build\nFROM ${R}\n',
    );
    expect(r.output).toBe(
      'ARG D=bookworm-slim\nARG B="hexpm/elixir:1.16.2-erlang-26.2.5-debian-${D}"\nARG R="alpine:3.23"\nFROM ${B} AS build\nFROM ${R}\n',
    );
  });

  it("writes the tag out when another FROM reads the same ARG", () => {
    const r = migrate("ARG TAG=3.12-slim-bookworm\nFROM python:${TAG}\nFROM myorg/tools:${TAG}\n");
    expect(r.output).toBe(
      "ARG TAG=3.12-slim-bookworm\nFROM python:3.12-alpine\nFROM myorg/tools:${TAG}\n",
    );
    expect(r.warnings[0]?.message).toMatch(/ARG TAG is read by another FROM or ARG too/);
    // Two stages on the same image share the rewritten default.
    const both = migrate("ARG TAG=3.12-slim-bookworm\nFROM python:${TAG} AS a\nFROM python:$TAG\n");
    expect(both.output).toBe("ARG TAG=3.12-alpine\nFROM python:${TAG} AS a\nFROM python:$TAG\n");
  });
});

describe("rule 1: tags that name another base or build", () => {
  it("leaves images whose tag is not Debian or Ubuntu, and says why", () => {
    for (const image of [
      "amazoncorretto:21",
      "amazoncorretto:21-al2023",
      "eclipse-temurin:21-jre-ubi9-minimal",
      "maven:3.9-sapmachine-21",
      "maven:3-openjdk-17",
      "gradle:8-jdk21-graal",
      "php:8.3-apache-bookworm",
    ]) {
      const r = migrate(`FROM ${image}\nRUN yum install -y shadow-utils\n`);
      expect(r.output).toBe(`FROM ${image}\nRUN yum install -y shadow-utils\n`);
      expect(r.warnings[0]?.message).toMatch(/Amazon Linux|no Alpine variant/);
    }
    // WP-CLI images are Alpine already.
    expect(migrate("FROM wordpress:cli-php8.3\n").output).toBe("FROM wordpress:cli-php8.3\n");
  });

  it("spells .NET's Alpine tags the way Microsoft publishes them", () => {
    const cases: [string, string][] = [
      ["aspnet:8.0-jammy-chiseled", "aspnet:8.0-alpine"],
      ["aspnet:8.0-noble-chiseled-extra", "aspnet:8.0-alpine-extra"],
      ["sdk:8.0-bookworm-slim-amd64", "sdk:8.0-alpine-amd64"],
      ["runtime:8.0-bookworm-slim-arm64v8", "runtime:8.0-alpine-arm64v8"],
    ];
    for (const [from, to] of cases) {
      const r = migrate(`FROM mcr.microsoft.com/dotnet/${from}\n`);
      expect(r.output).toBe(`FROM mcr.microsoft.com/dotnet/${to}\n`);
    }
    const chiseled = migrate("FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n");
    expect(chiseled.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/non-root user app .*USER \$APP_UID/),
    ]);
    const own = migrate("FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nUSER $APP_UID\n");
    expect(own.warnings).toEqual([]);
    // Temurin's JDK in maven keeps its Alpine twin.
    expect(migrate("FROM maven:3.9-eclipse-temurin-21\n").output).toBe(
      "FROM maven:3.9-eclipse-temurin-21-alpine\n",
    );
  });
});

describe("rule 1: bases that stay, and what that means for musl binaries", () => {
  it("says what a Debian distroless final stage means for musl binaries", () => {
    // cgo on: the binary links against musl once the stage is on Alpine.
    const r = migrate(
      "FROM golang:1.23 AS b\nRUN apt-get update && apt-get install -y libsqlite3-dev gcc\nRUN go build -o /app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /app /app\n",
    );
    expect(r.output).toContain("FROM gcr.io/distroless/base-debian12\n");
    expect(r.warnings.find((w) => /distroless/.test(w.message))?.message).toMatch(
      /Debian 12 \(glibc\) image with no Alpine variant: .*musl/,
    );
    // Nothing comes in from a stage (or only data, a jar): nothing about musl; a glibc image
    // still says it stays, and what to use on Alpine.
    expect(migrate("FROM gcr.io/distroless/static-debian12\n").warnings).toEqual([]);
    const jar = migrate(
      "FROM maven:3.9-eclipse-temurin-21 AS b\nRUN mvn package\nFROM gcr.io/distroless/java21-debian12\nCOPY --from=b /src/target/app.jar /app.jar\n",
    );
    expect(jar.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^gcr\.io\/distroless\/java21-debian12 is a Debian 12 \(glibc\) image with no Alpine variant, so alpinize leaves it; for an Alpine image base this stage on eclipse-temurin:21-jre-alpine /,
      ),
    ]);
    // A converted non-Go build stage is flagged too.
    const c = migrate(
      "FROM debian:12 AS b\nRUN apt-get update && apt-get install -y gcc && gcc -o /app a.c\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /app /app\n",
    );
    expect(c.warnings.some((w) => /no C library/.test(w.message))).toBe(true);
  });

  it("keeps quiet when only a Go stage with no C compiler feeds the distroless stage", () => {
    // golang:*-alpine has no gcc, so cgo turns itself off and the binary is static.
    for (const image of ["base-debian12", "static-debian12"]) {
      const r = migrate(
        `FROM golang:1.23 AS b\nRUN go build -o /app .\nFROM b AS t\nRUN go test ./...\nFROM gcr.io/distroless/${image}\nCOPY --from=t /app /app\n`,
      );
      expect(r.output).toContain("FROM golang:1.23-alpine AS b\n");
      expect(r.warnings.filter((w) => /musl|C library/.test(w.message))).toEqual([]);
      // base-debian12 stays a glibc Debian image: that it stays, and the Alpine choice, is said.
      expect(
        r.warnings.map((w) => /no Alpine variant, so alpinize leaves it/.test(w.message)),
      ).toEqual(image === "base-debian12" ? [true] : []);
    }
    const cgo = migrate(
      "FROM golang:1.23 AS b\nENV CGO_ENABLED=1\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /app /app\n",
    );
    expect(cgo.warnings.some((w) => /no C library/.test(w.message))).toBe(true);
  });

  it("warns that the .NET Alpine images have no ICU", () => {
    const r = migrate("FROM mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim\n");
    expect(r.output).toBe("FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine\n");
    expect(r.warnings[0]?.message).toMatch(/globalization-invariant mode .*icu-libs icu-data-full/);
  });
});
