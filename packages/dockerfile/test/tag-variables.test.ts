// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("a whole tag taken from a global ARG (python:${TAG})", () => {
  it("rewrites the default once for every stage that reads it as that image's tag", () => {
    const r = migrate(
      "ARG TAG=3.12-slim-bookworm\nFROM python:${TAG} AS a\nFROM python:$TAG AS b\nFROM a\n",
    );
    expect(r.output).toBe(
      "ARG TAG=3.12-alpine\nFROM python:${TAG} AS a\nFROM python:$TAG AS b\nFROM a\n",
    );
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^the tag of this image comes from ARG TAG: its default is now 3\.12-alpine/,
      ),
    ]);
  });

  it("writes the tag out when an ARG line reads the variable too, or another image's tag does", () => {
    const viaArg = migrate(
      "ARG TAG=3.12-slim-bookworm\nARG LABEL=${TAG:-none}\nFROM python:${TAG}\n",
    );
    expect(viaArg.output).toBe(
      "ARG TAG=3.12-slim-bookworm\nARG LABEL=${TAG:-none}\nFROM python:3.12-alpine\n",
    );
    const otherImage = migrate(
      "ARG TAG=3.12-slim-bookworm\nFROM python:${TAG} AS a\nFROM docker.io/library/python:${TAG}\n",
    );
    expect(otherImage.output).toContain(
      "ARG TAG=3.12-slim-bookworm\nFROM python:3.12-alpine AS a\n",
    );
  });

  it("reads a longer name as another variable (${TAGS} is not ${TAG})", () => {
    const r = migrate("ARG TAG=3.12-slim-bookworm\nARG TAGS=x\nARG X=$TAGS\nFROM python:${TAG}\n");
    expect(r.output).toContain("ARG TAG=3.12-alpine\n");
  });
});
