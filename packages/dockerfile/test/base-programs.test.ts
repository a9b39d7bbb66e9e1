import { describe, expect, it } from "vitest";
import { analyzeStages, baseProgramsOf, lineFinder, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";

/** The Debian tools left in a one-stage file on `image`, as `migrate --check` reads it. */
function leftOn(image: string, run: string): [string, number][] {
  const doc = parseDockerfile(`FROM ${image}\nRUN ${run}\n`);
  const lineOf = lineFinder(doc.lineStarts);
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true).map((t) => [
    t.tool,
    lineOf(t.offset),
  ]);
}

describe("baseProgramsOf", () => {
  it("knows plain alpine whole, an official -alpine image's busybox and runtime only", () => {
    expect(baseProgramsOf("alpine:3.23")?.("curl")).toBe(false);
    for (const image of [
      "python:3.13-alpine",
      "node:22-alpine3.21",
      "golang:1.24-alpine",
      "ruby:3.4-alpine",
      "php:8.4-fpm-alpine",
      `docker.io/library/python:3.13-alpine@sha256:${"a".repeat(64)}`,
    ]) {
      const has = baseProgramsOf(image);
      expect(has?.("grep"), image).toBe(true);
      // Built FROM alpine: a program in neither table is not there, as on alpine.
      expect(has?.("useradd"), image).toBe(false);
    }
    // Older tags came from older templates and busybox: only what is listed is known.
    for (const image of ["python:3.13-alpine3.20", "node:18-alpine3.18", "ruby:2.7-alpine3.16"]) {
      expect(baseProgramsOf(image)?.("grep"), image).toBe(true);
      expect(baseProgramsOf(image)?.("useradd"), image).toBeUndefined();
    }
    expect(baseProgramsOf("node:22-alpine")?.("npm")).toBe(true);
    expect(baseProgramsOf("python:3.13-alpine")?.("pip")).toBe(true);
    expect(baseProgramsOf("golang:1.24-alpine")?.("go")).toBe(true);
    expect(baseProgramsOf("ruby:3.4-alpine")?.("gem")).toBe(true);
    expect(baseProgramsOf("php:8.4-cli-alpine")?.("curl")).toBe(true);
    expect(baseProgramsOf("python:3.13-alpine")?.("curl")).toBe(false);
    expect(baseProgramsOf("python:3.13-alpine3.22")?.("curl")).toBe(false);
    expect(baseProgramsOf("php:8.4-alpine")?.("tar")).toBe(true);
    // Names that come and go with the runtime's version or the tag's variant are not known.
    expect(baseProgramsOf("node:22-alpine")?.("corepack")).toBeUndefined();
    expect(baseProgramsOf("python:3.13-alpine")?.("python3.13")).toBeUndefined();
    expect(baseProgramsOf("php:8.4-fpm-alpine")?.("php-fpm")).toBeUndefined();
    for (const image of [
      "python:3.13-slim",
      "node:22",
      "nginx:alpine",
      "myorg/python:alpine",
      "$BASE",
    ])
      expect(baseProgramsOf(image), image).toBeUndefined();
  });
});

describe("a path test on alpine", () => {
  it("finds a busybox program only in the folder busybox links it in", () => {
    for (const image of ["alpine:3.23", "python:3.13-alpine", "node:22-alpine3.20"]) {
      const has = baseProgramsOf(image)!;
      expect(has("grep", "/usr/bin/grep"), image).toBe(false);
      expect(has("grep", "/bin/grep"), image).toBe(true);
      expect(has("adduser", "/usr/sbin/adduser"), image).toBe(true);
      expect(has("adduser", "/sbin/adduser"), image).toBe(false);
      expect(has("apk", "/sbin/apk"), image).toBe(true);
      // Another folder is not known: read by the name.
      expect(has("grep", "/usr/local/bin/grep"), image).toBe(true);
    }
    // A program the image puts in place of busybox's may be in either folder: by the name.
    expect(baseProgramsOf("php:8.4-alpine")!("tar", "/usr/bin/tar")).toBe(true);
  });

  it.each([
    ["[ -x /usr/bin/adduser ] || apk add --no-cache shadow; useradd a", []],
    ["test -x /usr/sbin/adduser || apk add --no-cache shadow; useradd a", [["useradd", 2]]],
    ["[ -e /usr/bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture", [["dpkg", 2]]],
    ["[ -f /bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture", []],
  ])("%s", (run, left) => {
    expect(leftOn("alpine:3.23", run)).toEqual(left);
    expect(leftOn("ruby:3.4-alpine", run)).toEqual(left);
  });
});

describe("a probe on an official -alpine image is judged by the busybox it ships", () => {
  it.each([
    "python:3.13-alpine",
    "node:22-alpine",
    "golang:1.24-alpine",
    "ruby:3.4-alpine",
    "php:8.4-alpine",
  ])("%s: busybox's programs are found", (image) => {
    // The stretch after && runs (sed is there): shadow is installed for the call after it.
    expect(leftOn(image, "command -v sed && apk add --no-cache shadow; useradd a")).toEqual([]);
    // The stretch after || never runs (busybox's grep is found): neither grep nor dpkg is installed.
    expect(
      leftOn(image, "command -v grep || apk add --no-cache grep dpkg; dpkg --print-architecture"),
    ).toEqual([["dpkg", 2]]);
    // A program in neither table is not there: the stretch after || runs, after && never.
    expect(leftOn(image, "command -v less2 || apk add --no-cache shadow; useradd a")).toEqual([]);
    expect(leftOn(image, "command -v less2 && apk add --no-cache shadow; useradd a")).toEqual([
      ["useradd", 2],
    ]);
  });

  it("an -alpine3.20 tag keeps the old reading for a program it may ship", () => {
    const image = "python:3.13-alpine3.20";
    expect(leftOn(image, "command -v less2 || apk add --no-cache shadow; useradd a")).toEqual([
      ["useradd", 2],
    ]);
    expect(leftOn(image, "command -v less2 && apk add --no-cache shadow; useradd a")).toEqual([]);
  });

  it("the image's own runtime is found", () => {
    expect(
      leftOn("node:22-alpine", "command -v npm && apk add --no-cache shadow; useradd a"),
    ).toEqual([]);
    expect(
      leftOn("php:8.4-alpine", "command -v curl && apk add --no-cache shadow; useradd a"),
    ).toEqual([]);
  });
});
