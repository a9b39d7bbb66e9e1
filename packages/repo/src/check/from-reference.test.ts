// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const APT = "RUN apt-get install -y curl\n";
const rules = (text: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).map(
    (f) => `${f.line}:${f.rule}:${f.severity}`,
  );
const message = (text: string, rule: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).find(
    (f) => f.rule === rule,
  )?.message;

describe("check reads a FROM as migrate does", () => {
  it("reports an image Docker refuses as an error, not a clean file", () => {
    expect(rules(`FROM DEBIAN:bookworm\n${APT}`)).toEqual(["1:from-reference:error"]);
    expect(message(`FROM DEBIAN:bookworm\n${APT}`, "from-reference")).toMatch(
      /repository names must be lowercase.*write it in lowercase: debian:bookworm/,
    );
    expect(rules(`FROM debian::bookworm\n${APT}`)).toEqual(["1:from-reference:error"]);
    expect(rules(`FROM "debian:bookworm\n${APT}`)).toEqual(["1:from-reference:error"]);
    // Reported on the ARG line that holds the image, as base-image-unpinned is.
    expect(rules(`ARG B=Debian:12\nFROM \${B}\n${APT}`)).toEqual(["1:from-reference:error"]);
  });

  it("reports quotes inside a reference, which it does not read, as an error", () => {
    expect(message(`FROM debian:"bookworm"\n${APT}`, "from-reference")).toMatch(
      /builds on debian:bookworm.*write it as debian:bookworm/,
    );
  });

  it("reads quotes around the whole image as BuildKit does: a Debian base", () => {
    expect(rules(`FROM "debian:bookworm"\n${APT}`)).toEqual([
      "1:debian-base:error",
      "1:base-image-unpinned:warning",
    ]);
  });

  it("reads ${X:-${Y}} as migrate does: the base is Debian", () => {
    expect(rules(`FROM debian:\${X:-\${Y}}\n${APT}`)).toContain("1:debian-base:error");
    expect(rules(`ARG Y=debian:bookworm\nFROM \${X:-\${Y}}\n${APT}`)).toContain(
      "2:debian-base:error",
    );
  });

  it("says nothing of a stage name in any case or of scratch", () => {
    const text = `FROM alpine:3.23 AS build\nFROM BUILD\nFROM scratch\n`;
    expect(rules(text).filter((r) => r.includes("from-reference"))).toEqual([]);
  });
});
