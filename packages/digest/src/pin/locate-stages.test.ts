import { describe, expect, it } from "vitest";
import { locateImageReferences } from "./locate.js";

/** [line, where, reference] of each reference pin would read in a Dockerfile. */
const found = (text: string) =>
  locateImageReferences("dockerfile", text).map((r) => [r.line, r.where, r.reference]);

describe("stage names in FROM and COPY --from (looked up through one index)", () => {
  it("takes a stage name in any case for a stage, in FROM and in COPY --from", () => {
    const text = [
      "FROM golang:1.23 AS Build",
      "FROM build AS again",
      "FROM BUILD",
      "COPY --from=bUiLd /app /app",
      "COPY --from=AGAIN /app /app2",
      "",
    ].join("\n");
    expect(found(text)).toEqual([[1, "FROM", "golang:1.23"]]);
  });

  it("leaves COPY --from=<index> and scratch alone, and lists an image by any other name", () => {
    const text = [
      "FROM golang:1.23 AS b",
      "FROM scratch",
      "COPY --from=0 /app /app",
      "COPY --from=1 /x /x",
      "COPY --from=Scratch /y /y",
      "COPY --from=busybox:1.37 /bin/busybox /busybox",
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [1, "FROM", "golang:1.23"],
      [6, "COPY --from", "busybox:1.37"],
    ]);
  });

  it("reads a reused name as a stage every time (BuildKit refuses such a file)", () => {
    const text = [
      "FROM debian:12 AS b",
      "FROM ubuntu:24.04 AS B",
      "FROM b",
      "COPY --from=b /a /a",
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [1, "FROM", "debian:12"],
      [2, "FROM", "ubuntu:24.04"],
    ]);
  });

  it("reads an alias that is also an image name as the stage once it is defined", () => {
    const text = [
      "FROM alpine:3.20",
      "FROM alpine",
      "FROM debian:12 AS alpine",
      "FROM alpine",
      "COPY --from=alpine /etc/os-release /x",
      "COPY --from=alpine:3.20 /etc/os-release /y",
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [1, "FROM", "alpine:3.20"],
      [2, "FROM", "alpine"],
      [3, "FROM", "debian:12"],
      [6, "COPY --from", "alpine:3.20"],
    ]);
  });

  it("takes COPY --from of a stage defined further down for that stage, as before", () => {
    // FROM looks at earlier stages only (the stage does not exist yet); COPY --from is matched
    // against every name in the file.
    const text = "FROM later\nCOPY --from=later /a /a\nFROM debian:12 AS later\n";
    expect(found(text)).toEqual([
      [1, "FROM", "later"],
      [3, "FROM", "debian:12"],
    ]);
  });

  it("follows a chain of FROM earlier-stage to its one image", () => {
    const lines = ["FROM node:22 AS s0"];
    for (let i = 1; i < 50; i++)
      lines.push(`FROM s${i - 1} AS s${i}`, `COPY --from=S${i - 1} /a /a`);
    expect(found(`${lines.join("\n")}\n`)).toEqual([[1, "FROM", "node:22"]]);
  });
});
