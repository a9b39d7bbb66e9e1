import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkTargets } from "./run.js";
import type { CheckSettings } from "./types.js";

const settings: CheckSettings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;

function check(text: string, overrides: Partial<CheckSettings> = {}) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
    ...settings,
    ...overrides,
  });
}

function rules(text: string, overrides: Partial<CheckSettings> = {}) {
  return check(text, overrides)
    .filter((f) => f.severity === "error")
    .map((f) => `${f.line}:${f.rule}`)
    .sort();
}

describe("check rules", () => {
  it("flags IDs Alpine's base image already uses (busybox refuses them)", () => {
    const text = `FROM alpine:3.23@${DIGEST}\nRUN addgroup -S -g 999 redis && adduser -S -D -G redis -u 999 redis\nRUN addgroup -g 1000 app && adduser -D -u 1000 -G app app\nRUN addgroup -g999 q && addgroup --gid=999 w\n`;
    expect(rules(text)).toEqual(["2:alpine-id-taken", "4:alpine-id-taken", "4:alpine-id-taken"]);
  });

  it("passes a clean Alpine Dockerfile", () => {
    const text = `FROM alpine:3.23@${DIGEST}\nRUN apk add --no-cache curl \\\n    && addgroup -S app && adduser -S -D -G app -s /sbin/nologin app\nUSER app\n`;
    expect(check(text, { requireDigests: true })).toEqual([]);
  });

  it("flags apt, dpkg and xx-apt left in Alpine stages, with their own lines", () => {
    const text = [
      "FROM golang:1.25-alpine AS build",
      "RUN apk add --no-cache git \\",
      "    && apt-get install -y curl",
      "RUN xx-apt install -y gcc",
      "FROM alpine:3.23",
      "RUN set -eux; \\",
      "    if true; then dpkg --print-architecture; fi",
      "",
    ].join("\n");
    expect(rules(text)).toEqual(["3:apt-in-alpine", "4:apt-in-alpine", "7:apt-in-alpine"]);
  });

  it("accepts dpkg from apk (the docker-library arch pattern), never apt", () => {
    const text = [
      "FROM alpine:3.23",
      "RUN apk add --no-cache --virtual .fetch-deps dpkg gnupg \\",
      "    && dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\" \\",
      "    && apt-get install -y x",
      "",
    ].join("\n");
    expect(rules(text)).toEqual(["4:apt-in-alpine"]);
  });

  it("does not flag apt in a stage that is still Debian, but flags the Debian base", () => {
    const text = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n";
    expect(rules(text)).toEqual(["1:debian-base"]);
  });

  it("requires --no-cache unless an apk cache mount is used", () => {
    const text = [
      "FROM alpine:3.23",
      "RUN apk update && apk add curl",
      "RUN --mount=type=cache,target=/var/cache/apk apk add curl",
      "RUN xx-apk add --no-cache gcc && apk upgrade",
      "RUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1",
      "",
    ].join("\n");
    expect(rules(text)).toEqual(["2:apk-no-cache", "2:apk-no-cache", "4:apk-no-cache"]);
  });

  it("reports unpinned bases as warnings, or errors when digests are required", () => {
    const text = "FROM alpine:3.23\n";
    expect(check(text)).toMatchObject([
      { rule: "base-image-unpinned", severity: "warning", line: 1 },
    ]);
    expect(rules(text, { requireDigests: true })).toEqual(["1:base-image-unpinned"]);
  });

  it("follows FROM $ARG to the ARG's line", () => {
    const text = "ARG BASE=debian:trixie-slim\nFROM $BASE\n";
    expect(rules(text, { requireDigests: true })).toEqual([
      "1:base-image-unpinned",
      "1:debian-base",
    ]);
  });

  it("wants GODEBUG=netdns=go where the final Alpine stage ships a Go binary", () => {
    const base =
      "FROM golang:1.25-alpine AS build\nRUN apk add --no-cache build-base && go build -o /app .\nFROM alpine:3.23\nCOPY --from=build /app /app\n";
    expect(rules(base)).toEqual(["3:go-netdns"]);
    expect(rules(`${base}ENV GODEBUG=netdns=go\n`)).toEqual([]);
    expect(rules(`${base}ENV GODEBUG="x509sha1=1,netdns=go"\n`)).toEqual([]);
    const noGo =
      "FROM node:24-alpine AS build\nRUN npm ci\nFROM alpine:3.23\nCOPY --from=build /app /app\n";
    expect(rules(noGo)).toEqual([]);
  });

  it("wants busybox user commands unless shadow is installed", () => {
    const text =
      "FROM alpine:3.23\nRUN groupadd -g 1000 app && useradd -u 1000 -g app -s /usr/sbin/nologin app\n";
    expect(rules(text)).toEqual([
      "2:nologin-path",
      "2:shadow-user-commands",
      "2:shadow-user-commands",
    ]);
    const shadow = "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN groupadd -g 1000 app\n";
    expect(rules(shadow)).toEqual([]);
  });

  it("leaves images listed in images.ignore alone", () => {
    const text = "FROM debian:12\nRUN apt-get install -y x\n";
    expect(check(text, { ignoreImages: ["debian"], requireDigests: true })).toEqual([]);
  });
});

describe("checkTargets", () => {
  let repo: ScratchRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

  it("reports unparsable Dockerfiles instead of passing them, and honours check.skip", async () => {
    repo = await scratchRepo({
      "a/Dockerfile": "FROM alpine:3.23\nRUN apk add curl\n",
      "b/Dockerfile": 'FROM alpine:3.23\nCMD ["x"\n\u0000',
    });
    const config = defaultConfig();
    const lint = { lintEntrypoint: () => [] };
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config,
      transforms: lint,
      cwd: repo.root,
    });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.rule}`)).toEqual([
      "a/Dockerfile:1:base-image-unpinned",
      "a/Dockerfile:2:apk-no-cache",
    ]);
    expect(result.unparsable).toMatchObject([{ file: "b/Dockerfile" }]);
    config.check.skip = ["apk-no-cache"];
    const skipped = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config,
      transforms: lint,
      cwd: repo.root,
    });
    expect(skipped.findings.map((f) => f.rule)).toEqual(["base-image-unpinned"]);
  });

  it("lints an entrypoint a folder COPY puts on PATH and ENTRYPOINT names bare", async () => {
    repo = await scratchRepo({
      Dockerfile: `FROM alpine:3.23@${DIGEST}\nRUN apk add --no-cache su-exec\nCOPY scripts/ /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\n`,
      "scripts/entrypoint.sh": '#!/bin/sh\ngroupadd -g 1000 app\nexec su-exec app "$@"\n',
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(result.files).toEqual(["Dockerfile", "scripts/entrypoint.sh"]);
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.message.split(":")[0]}`)).toEqual([
      "scripts/entrypoint.sh:2:shadow-tool",
    ]);
  });
});

describe("check sees through wrappers", () => {
  it("keeps the wrapped command's own options (no apk-no-cache for sudo/env/nice apk add --no-cache)", () => {
    const text = `FROM alpine:3.23@${DIGEST}\nRUN env X=1 apk add --no-cache curl && sudo -u root apk add --no-cache jq && nice -n 10 apk add --no-cache procps\nRUN sudo apk add git\n`;
    expect(rules(text)).toEqual(["3:apk-no-cache"]);
  });
});

describe("apt-in-alpine advice", () => {
  it("names the apk way for queries, multiarch and repositories, and the rewrite for installs", () => {
    const text = `FROM alpine:3.24@${DIGEST}\nRUN dpkg -l | grep curl\nRUN dpkg --add-architecture arm64\nRUN apt-key add k.gpg\nRUN apt-get install -y curl\n`;
    const advice = check(text)
      .filter((f) => f.rule === "apt-in-alpine")
      .map((f) => `${f.line}: ${f.message.replace(/^.*?: /, "")}`);
    expect(advice).toEqual([
      expect.stringMatching(/^2: query packages with apk info/),
      expect.stringMatching(/^3: apk has no multiarch/),
      expect.stringMatching(/^4: Alpine has no apt repositories/),
      expect.stringMatching(/^5: use apk add --no-cache \(alpinize migrate rewrites it/),
    ]);
    const deb = check(`FROM alpine:3.24@${DIGEST}\nRUN dpkg -i /x.deb || apt-get install -f -y\n`)
      .filter((f) => f.rule === "apt-in-alpine")
      .map((f) => f.message.replace(/^.*?: /, ""));
    expect(deb).toEqual([
      expect.stringMatching(/^a \.deb is built for Debian and glibc/),
      expect.stringMatching(/^this repairs a dpkg -i of a \.deb/),
    ]);
  });
});
