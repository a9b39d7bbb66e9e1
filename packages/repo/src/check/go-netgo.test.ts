import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
// A builder with a C compiler, so go links cgo unless the build says otherwise.
const BUILD = "FROM golang:1.25-alpine AS build\nRUN apk add --no-cache build-base\nCOPY . /src";
const FINAL = "FROM alpine:3.23\nCOPY --from=build /app /app";

const netdns = (...lines: string[]) =>
  checkStages("Dockerfile", describeStages(`${lines.join("\n")}\n`, "Dockerfile"), settings)
    .filter((f) => f.rule === "go-netdns")
    .map((f) => f.line);

describe("go-netdns and the netgo build tag (Go's own resolver)", () => {
  it("leaves a binary every go build of which has netgo", () => {
    for (const build of [
      "RUN cd /src && go build -tags netgo,osusergo -o /app .",
      "RUN cd /src && go build -tags 'osusergo netgo' -o /app .",
      "RUN cd /src && go build --tags=netgo -o /app .",
      "RUN cd /src && GOFLAGS=-tags=netgo go build -o /app .",
      'RUN export GOFLAGS="-mod=vendor -tags=netgo,osusergo" && cd /src && go install .',
    ])
      expect(netdns(BUILD, build, FINAL), build).toEqual([]);
    for (const env of ["ENV GOFLAGS=-tags=netgo", 'ARG GOFLAGS="-trimpath -tags=osusergo,netgo"'])
      expect(netdns(BUILD, env, "RUN go build -o /app .", FINAL), env).toEqual([]);
  });

  it("follows GOFLAGS down a FROM chain, and into a stage with no build of its own", () => {
    const parent = `${BUILD}\nENV GOFLAGS=-tags=netgo`;
    const fromChild = FINAL.replace("--from=build", "--from=child");
    expect(netdns(parent, "FROM build AS child", "RUN make", fromChild)).toEqual([]);
    expect(netdns(parent, "FROM build AS b2", "RUN go build -o /app .", FINAL)).toEqual([]);
  });

  it("reports a build without it: another tag, an overriding -tags, one build of two", () => {
    for (const build of [
      "RUN cd /src && go build -tags sqlite_omit_load_extension -o /app .",
      "RUN cd /src && go build -tags netgo -tags sqlite -o /app .",
      "RUN cd /src && go build -tags netgox -o /app .",
      "RUN go build -tags netgo -o /a ./a && go build -o /app ./b",
      "RUN echo -tags netgo && go build -o /app .",
      // A shell variable set alone is not exported: go does not see it.
      "RUN GOFLAGS=-tags=netgo; go build -o /app .",
      "RUN GOFLAGS=-tags=netgo && cd /src && go build -o /app .",
      "RUN CGO_ENABLED=0; go build -o /app .",
    ])
      expect(netdns(BUILD, build, FINAL), build).toEqual([5]);
    // A -tags on the command line replaces GOFLAGS', as go reads its flags.
    expect(
      netdns(BUILD, "ENV GOFLAGS=-tags=netgo", "RUN go build -tags x -o /app .", FINAL),
    ).toEqual([6]);
    // A child stage's own GOFLAGS replaces the one it inherits.
    const child = ["FROM build AS b2", "ENV GOFLAGS=-mod=mod", "RUN go build -o /app ."];
    const final = FINAL.replace("--from=build", "--from=b2");
    expect(netdns(BUILD, "ENV GOFLAGS=-tags=netgo", ...child, final)).toEqual([8]);
  });
});
