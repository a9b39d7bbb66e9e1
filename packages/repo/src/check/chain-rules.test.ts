import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const GOLANG = `golang:1.25-alpine@${DIGEST}`;
const ALPINE = `alpine:3.23@${DIGEST}`;
const FINAL = `FROM ${ALPINE}\nCOPY --from=build /app /app\n`;

function rules(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule !== "base-image-unpinned")
    .map((f) => `${f.line}:${f.rule}`);
}

// What the rules read from the stages a stage is built FROM, kept as it was when they walked the
// parents for each command.
describe("rules that read the parent chain", () => {
  it("go-netdns: CGO_ENABLED=0 in a grandparent makes the build static", () => {
    const text = `FROM ${GOLANG} AS a\nENV CGO_ENABLED=0\nFROM a AS b\nFROM b AS build\nRUN go build -o /app .\n${FINAL}`;
    expect(rules(text)).toEqual([]);
  });

  it("go-netdns: a stage with no build of its own is judged by the golang image under it", () => {
    const text = `FROM ${GOLANG} AS g\nRUN apk add --no-cache gcc\nFROM g AS build\nRUN true\n${FINAL}`;
    expect(rules(text)).toEqual(["5:go-netdns"]);
  });

  it("go-netdns: a static build is judged by what its parents build, not their image", () => {
    const quiet = `FROM ${GOLANG} AS g\nFROM g AS build\nRUN CGO_ENABLED=0 go build -o /app .\n${FINAL}`;
    expect(rules(quiet)).toEqual([]);
    const loud = `FROM ${GOLANG} AS g\nRUN apk add --no-cache gcc && go build -o /x .\nFROM g AS build\nRUN CGO_ENABLED=0 go build -o /app .\n${FINAL}`;
    expect(rules(loud)).toEqual(["5:go-netdns"]);
  });

  it("apk-no-cache: only stages whose layers are the image", () => {
    const text = `FROM ${ALPINE} AS base\nRUN apk add curl\nFROM base AS builder\nRUN apk add gcc\nFROM base\nRUN apk add jq\n`;
    expect(rules(text)).toEqual(["2:apk-no-cache", "6:apk-no-cache"]);
  });

  it("apk-unknown-package: not judged where the stage adds repositories itself", () => {
    // A stage built FROM another names no release (its image is the stage), so only the stage
    // at the bottom of a chain is judged.
    const add = "RUN apk add --no-cache alpinize-no-such-package\n";
    expect(rules(`FROM ${ALPINE} AS a\n${add}FROM a\n${add}`)).toEqual(["2:apk-unknown-package"]);
    const edge = `FROM ${ALPINE} AS a\nRUN echo https://dl-cdn.alpinelinux.org/alpine/edge/testing >> /etc/apk/repositories\n${add}`;
    expect(rules(edge)).toEqual([]);
  });
});
