import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const SETTINGS = { skip: [], requireDigests: false, ignoreImages: [] };
const base = (text: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), SETTINGS)
    .filter((f) => f.rule === "debian-base")
    .map(
      (f) =>
        `${f.line} ${f.severity}${/nothing in this file uses the stage/.test(f.message) ? " unused" : ""}`,
    );

describe("debian-base on a stage nothing uses", () => {
  it("is a warning that says why (BuildKit skips it), not an error", () => {
    const text =
      "FROM mcr.microsoft.com/devcontainers/base:bookworm AS upstream\nFROM alpine:3.24\nRUN echo hi\n";
    expect(base(text)).toEqual(["1 warning unused"]);
    const [finding] = checkStages("Dockerfile", describeStages(text, "Dockerfile"), SETTINGS);
    expect(finding?.message).toMatch(/Debian-based dev container image/);
    expect(finding?.message).toMatch(
      /BuildKit skips it .* classic builder \(DOCKER_BUILDKIT=0\) and --target build it/,
    );
  });

  it.each([
    ["COPY --from", "FROM debian:12 AS b\nRUN true\nFROM alpine:3.24\nCOPY --from=b /x /x\n"],
    ["COPY --from by index", "FROM debian:12\nRUN true\nFROM alpine:3.24\nCOPY --from=0 /x /x\n"],
    ["a FROM on it", "FROM debian:12 AS b\nFROM b\nRUN true\n"],
    [
      "RUN --mount from it",
      "FROM debian:12 AS b\nFROM alpine:3.24\nRUN --mount=type=bind,from=b,source=/x,target=/x cat /x\n",
    ],
    [
      "a stage the last one copies from, which copies from it",
      "FROM debian:12 AS a\nFROM alpine:3.24 AS b\nCOPY --from=a /x /x\nFROM alpine:3.24\nCOPY --from=b /x /x\n",
    ],
    [
      "a --from on a variable",
      "ARG S=b\nFROM debian:12 AS b\nFROM alpine:3.24\nCOPY --from=$S /x /x\n",
    ],
  ])("stays an error when the last stage needs it: %s", (_, text) => {
    expect(base(text)).toEqual([expect.stringMatching(/^\d+ error$/)]);
  });

  it("the last stage is an error, and a stage only an unused stage copies from is a warning", () => {
    expect(base("FROM debian:12\n")).toEqual(["1 error"]);
    const text =
      "FROM debian:12 AS a\nFROM alpine:3.24 AS b\nCOPY --from=a /x /x\nFROM alpine:3.24\nRUN true\n";
    expect(base(text)).toEqual(["1 warning unused"]);
  });
});
