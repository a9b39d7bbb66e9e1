import { KNOWN_RELEASES } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { taggedAlpineRelease } from "../src/rules/newer-alpine.js";
import { migrate } from "./helpers.js";

const newer = (r: { warnings: { rule: string; line: number; message: string }[] }) =>
  r.warnings.filter((w) => w.rule === "from" && /newer than the/.test(w.message));

describe("a stage already on a newer Alpine than the release asked for", () => {
  it("is left as is, with a warning naming both releases", () => {
    const text = "FROM alpine:3.24\nRUN apk add --no-cache curl\n";
    const r = migrate(text, { release: "3.21" });
    expect(r.output).toBe(text);
    expect(newer(r)).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringMatching(
          /^alpine:3\.24 is on Alpine 3\.24, newer than the 3\.21 asked for; left as is/,
        ),
      }),
    ]);
  });

  it("reads the release from -alpineX.Y tags, and warns per stage", () => {
    const r = migrate(
      "FROM python:3.13-alpine3.23 AS build\nFROM alpine:3.21\nFROM alpine:3.22.1\n",
      {
        release: "3.21",
      },
    );
    expect(newer(r).map((w) => w.line)).toEqual([1, 3]);
  });

  it("says so when the tag is past every release alpinize knows (alpine:3.99)", () => {
    const r = migrate("FROM alpine:3.99\n", { release: "3.22" });
    expect(r.output).toBe("FROM alpine:3.99\n");
    expect(newer(r).map((w) => w.message)).toEqual([
      expect.stringContaining(
        `newer than the 3.22 asked for and than every release alpinize knows (${KNOWN_RELEASES.join(", ")}): check that the tag exists`,
      ),
    ]);
    // A known release newer than the one asked for is not questioned.
    const known = KNOWN_RELEASES[KNOWN_RELEASES.length - 1];
    const r2 = migrate(`FROM alpine:${known}\n`, { release: "3.21" });
    expect(
      newer(r2)
        .map((w) => w.message)
        .join(),
    ).not.toContain("every release alpinize knows");
  });

  it("says nothing for the same or an older release, nor for tags that name none", () => {
    for (const image of ["alpine:3.21", "alpine:3.19", "node:22-alpine", "alpine:edge", "alpine"]) {
      expect(newer(migrate(`FROM ${image}\n`, { release: "3.21" }))).toEqual([]);
    }
  });
});

describe("taggedAlpineRelease", () => {
  it.each([
    ["alpine:3.24", "3.24"],
    ["docker.io/library/alpine:3.22.1@sha256:abc", "3.22"],
    ["python:3.13-alpine3.22", "3.22"],
    ["nginx:1.27-alpine3.21-slim", "3.21"],
    ["node:22-alpine", undefined],
    ["alpine:$V", undefined],
    ["registry:5000/alpine", undefined],
    ["python:3.13", undefined],
  ])("%s -> %s", (image, release) => {
    expect(taggedAlpineRelease(image)).toBe(release);
  });
});
