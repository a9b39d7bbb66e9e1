// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("a stage that runs what a glibc-only stage built stays on its base", () => {
  it("keeps the runtime stage on Debian when it copies a program from a stage left on glibc", () => {
    const text =
      "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN make\nFROM ubuntu:22.04\nRUN apt-get update && apt-get install -y libgomp1\nCOPY --from=build /b/infer /usr/local/bin/infer\n";
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^ubuntu:22\.04 stays: this stage copies \/b\/infer from stage build \(nvidia\/cuda:12\.4\.1-devel-ubuntu22\.04\), which stays on glibc/,
      ),
    );
  });

  it("follows an image ARG (Phoenix's RUNNER_IMAGE) and leaves its default", () => {
    const text =
      'ARG BUILDER_IMAGE="hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim"\nARG RUNNER_IMAGE="debian:bookworm-20241016-slim"\nFROM ${BUILDER_IMAGE} AS builder\nRUN mix release\nFROM ${RUNNER_IMAGE}\nCOPY --from=builder /app/_build/prod/rel/app ./\n';
    expect(migrate(text).output).toBe(text);
  });

  it("still moves stages that copy data, JVM builds, or from stages that move too", () => {
    const data = migrate(
      "FROM hugomods/hugo:debian AS site\nRUN hugo\nFROM debian:12\nCOPY --from=site /src/public /srv/www\n",
    );
    expect(data.output).toContain("FROM alpine:3.23\n");
    const jvm = migrate(
      "FROM maven:3.9-eclipse-temurin-21 AS build\nRUN mvn package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /app/target/app.jar /app.jar\nCOPY --from=build /app/target/lib /app/lib\n",
    );
    expect(jvm.output).toContain("FROM eclipse-temurin:21-jre-alpine\n");
    const moved = migrate(
      "FROM golang:1.23-bookworm AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /usr/local/bin/app\n",
    );
    expect(moved.output).toContain("FROM alpine:3.23\n");
  });
});

describe("glibc-only ecosystems", () => {
  it("says why CUDA and conda images stay", () => {
    expect(migrate("FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n").warnings[0]?.message).toMatch(
      /^nvidia\/cuda stays: CUDA and the NVIDIA container runtime's driver libraries are built for glibc only/,
    );
    expect(migrate("FROM continuumio/miniconda3:24.1.2-0\n").warnings[0]?.message).toMatch(
      /^continuumio\/miniconda3 stays: conda packages .* glibc only/,
    );
  });

  it("flags conda installers and installs in a stage moved to Alpine, once per RUN", () => {
    const r = migrate(
      "FROM debian:12\nRUN curl -Ls https://micro.mamba.pm/api/micromamba/linux-64/latest | tar -xvj bin/micromamba && micromamba install -y -p /opt/conda python=3.12\nRUN conda install -y numpy\n",
    );
    const conda = r.warnings.filter((w) => /^conda \(Miniforge/.test(w.message));
    expect(conda.map((w) => w.line)).toEqual([2, 3]);
    expect(migrate("FROM debian:12\nRUN pip install conda-lock\n").warnings).toEqual([]);
  });
});

describe("OCI base-image labels", () => {
  it("point org.opencontainers.image.base.name at the new base, in the spelling used", () => {
    const r = migrate(
      'FROM debian:bookworm-slim\nLABEL org.opencontainers.image.base.name="docker.io/library/debian:bookworm-slim" maintainer=x\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nLABEL org.opencontainers.image.base.name="docker.io/library/alpine:3.23" maintainer=x\n',
    );
    const other = 'FROM debian:12\nLABEL org.opencontainers.image.base.name="myorg/base:1"\n';
    expect(migrate(other).output).toBe(other.replace("debian:12", "alpine:3.23"));
    expect(
      migrate("FROM debian:12\nLABEL org.opencontainers.image.base.digest=sha256:abc\n").warnings[0]
        ?.message,
    ).toMatch(/base\.digest label names the Debian base's digest/);
  });
});

describe("JVM build output copied into an Alpine stage", () => {
  it("is not called a glibc program (jars and a launcher script)", () => {
    const r = migrate(
      "FROM sbtscala/scala-sbt:eclipse-temurin-21.0.5_11_1.10.5_3.5.2 AS build\nRUN sbt stage\nFROM eclipse-temurin:21-jre-noble\nCOPY --from=build /app/target/universal/stage /opt/app\n",
    );
    expect(r.output).toContain("FROM eclipse-temurin:21-jre-alpine\n");
    expect(r.warnings.filter((w) => w.rule === "glibc")).toEqual([]);
  });
});

describe("a Java runtime a JVM builder assembled", () => {
  it("keeps the stage that copies a jlink JRE from a glibc JVM builder", () => {
    const text =
      'FROM sbtscala/scala-sbt:eclipse-temurin-jammy-21.0.5_11_1.10.5_3.5.2 AS build\nRUN jlink --add-modules java.base --output /jre\nFROM debian:bookworm-slim\nCOPY --from=build /jre /opt/jre\nCOPY --from=build /app/target/app.jar /app.jar\nCMD ["/opt/jre/bin/java", "-jar", "/app.jar"]\n';
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^debian:bookworm-slim stays: this stage copies \/jre from stage build/,
      ),
    );
  });
});

describe("an ARG a kept stage reads keeps its Debian default", () => {
  it("writes the other stages' Alpine images out instead of rewriting a shared tag ARG", () => {
    const text =
      "ARG TAG=3.12-slim-bookworm\nFROM gcc:13 AS native\nRUN make\nFROM python:${TAG} AS runtime\nCOPY --from=native /out/libfast.so /usr/local/lib/libfast.so\nFROM python:${TAG} AS tests\nRUN apt-get update && apt-get install -y git\n";
    const r = migrate(text);
    expect(r.output).toBe(
      "ARG TAG=3.12-slim-bookworm\nFROM gcc:13 AS native\nRUN make\nFROM python:${TAG} AS runtime\nCOPY --from=native /out/libfast.so /usr/local/lib/libfast.so\nFROM python:3.12-alpine AS tests\nRUN apk add --no-cache git\n",
    );
    expect(r.warnings.some((w) => /default is now/.test(w.message))).toBe(false);
  });

  it("does the same for a whole-image ARG read by a kept stage and a converted one", () => {
    const text =
      "ARG BASE=debian:12-slim\nFROM ${BASE} AS tools\nRUN apt-get install -y curl\nFROM haskell:9.6 AS build\nRUN cabal build\nFROM ${BASE}\nCOPY --from=build /out/server /usr/local/bin/server\n";
    const r = migrate(text);
    expect(r.output).toContain(
      "ARG BASE=debian:12-slim\nFROM alpine:3.23 AS tools\nRUN apk add --no-cache curl\n",
    );
    expect(r.output).toContain("FROM ${BASE}\nCOPY --from=build");
  });
});

describe("musl programs copied into a stage kept on glibc", () => {
  it("warns at the COPY", () => {
    const r = migrate(
      "FROM golang:1.22-bookworm AS gobuild\nRUN CGO_ENABLED=1 go build -o /out/helper ./cmd/helper\nFROM gcc:13 AS cbuild\nRUN make\nFROM debian:bookworm-slim\nCOPY --from=cbuild /out/app /usr/local/bin/app\nCOPY --from=gobuild /out/helper /usr/local/bin/helper\n",
    );
    expect(r.output).toContain("FROM debian:bookworm-slim\n");
    expect(r.warnings.filter((w) => w.line === 7).map((w) => w.message)).toEqual([
      expect.stringMatching(/^\/out\/helper comes from stage gobuild, which moves to Alpine/),
    ]);
  });
});

describe("what a COPY names", () => {
  it("reads exec-form sources, ignores heredocs and scratch stages", () => {
    const json = migrate(
      'FROM haskell:9.6 AS build\nRUN cabal build\nFROM debian:12\nCOPY --from=build ["/out/app", "/app"]\n',
    );
    expect(json.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^debian:12 stays: this stage copies \/out\/app from stage build/),
    );
    const heredoc = migrate(
      "FROM haskell:9.6 AS b\nFROM debian:12\nCOPY --from=b <<EOF /etc/x\nhi\nEOF\n",
    );
    expect(heredoc.output).toContain("FROM alpine:3.23\n");
    const scratch = migrate(
      "FROM scratch AS files\nCOPY app /app\nFROM debian:12\nCOPY --from=files /app /app\n",
    );
    expect(scratch.warnings.filter((w) => w.rule === "glibc")).toEqual([]);
  });
});

describe("COPY --from names the stage it copies from", () => {
  it("by its alias in any case, or by its index, taking the first stage of a name", () => {
    const glibc =
      "FROM gcc:13 AS build\nRUN make\nFROM golang:1.23-bookworm AS gobuild\nRUN go build -o /out/app .\n";
    for (const from of ["build", "BUILD", "0"]) {
      const r = migrate(
        `${glibc}FROM debian:12\nCOPY --from=${from} /out/app /usr/local/bin/app\n`,
      );
      expect(r.output).toContain("FROM debian:12\n");
    }
    for (const from of ["gobuild", "GoBuild", "1"]) {
      const r = migrate(
        `${glibc}FROM debian:12\nCOPY --from=${from} /out/app /usr/local/bin/app\n`,
      );
      expect(r.output).toContain("FROM alpine:3.23\n");
    }
    // A name taken twice: `--from` reads the first stage that took it.
    const twice = migrate(
      `${glibc}FROM golang:1.23-bookworm AS Build\nRUN go build -o /out/app .\nFROM debian:12\nCOPY --from=build /out/app /usr/local/bin/app\n`,
    );
    expect(twice.output).toMatch(/FROM debian:12\nCOPY --from=build/);
  });
});

describe("COPY --from=${ARG}", () => {
  it("follows the global ARG's default to the stage it names", () => {
    const text =
      "ARG BUILDER=build\nFROM gcc:13 AS build\nRUN make\nFROM debian:12\nCOPY --from=${BUILDER} /out/app /usr/local/bin/app\n";
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^debian:12 stays: this stage copies \/out\/app from stage build/),
    );
  });

  it("follows the last default of an ARG declared twice, as BuildKit does", () => {
    const stages =
      "FROM gcc:13 AS build\nRUN make\nFROM golang:1.23-bookworm AS gobuild\nRUN go build -o /out/app .\nFROM debian:12\nCOPY --from=${BUILDER} /out/app /usr/local/bin/app\n";
    const glibcLast = `ARG BUILDER=gobuild\nARG BUILDER=build\n${stages}`;
    const kept = migrate(glibcLast);
    expect(kept.output).toContain("FROM debian:12\n");
    expect(kept.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^debian:12 stays: this stage copies \/out\/app from stage build \(gcc:13\)/,
      ),
    );
    const muslLast = migrate(`ARG BUILDER=build\nARG BUILDER=gobuild\n${stages}`);
    expect(muslLast.output).toContain("FROM alpine:3.23\nCOPY --from=${BUILDER}");
    expect(muslLast.warnings.map((w) => w.message).join("\n")).not.toContain("stays:");
  });
});
