// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { listImageReferences } from "../src/index.js";
import { migrate } from "./helpers.js";

const PIP = "RUN apt-get update && apt-get install -y python3-pip && pip install flask\n";

const pep668 = (text: string) =>
  migrate(text).warnings.filter((w) => w.message.includes("externally managed"));

describe("a global ARG declared twice: the last default counts, as BuildKit reads it", () => {
  it("moves the stage and judges its base by the same, last, default", () => {
    // Last: the python image, whose pip is its own and not externally managed.
    const text = `ARG BASE=debian:bookworm\nARG BASE=python:3.12-slim-bookworm\nFROM \${BASE}\n${PIP}`;
    const result = migrate(text);
    expect(result.output).toContain("ARG BASE=python:3.12-alpine\n");
    expect(result.output).toContain("ARG BASE=debian:bookworm\n");
    expect(pep668(text)).toEqual([]);
  });

  it("flags system pip when the last default is Debian, though the first is a python image", () => {
    const text = `ARG BASE=python:3.12-slim-bookworm\nARG BASE=debian:bookworm\nFROM \${BASE}\n${PIP}`;
    const result = migrate(text);
    expect(result.output).toContain("ARG BASE=alpine:3.23\n");
    expect(pep668(text)).toHaveLength(1);
  });

  it("rewrites the last default of a tag ARG (python:${TAG}) and leaves the first", () => {
    const text = "ARG TAG=3.11-slim-bookworm\nARG TAG=3.12-slim-bookworm\nFROM python:${TAG}\n";
    const result = migrate(text);
    expect(result.output).toBe(
      "ARG TAG=3.11-slim-bookworm\nARG TAG=3.12-alpine\nFROM python:${TAG}\n",
    );
  });

  it("drops a suite variable from a tag by its last default only", () => {
    const from = (text: string) => migrate(text).warnings.map((w) => w.message);
    const suiteLast = from("ARG V=1.24\nARG V=bookworm\nFROM golang:1.25-${V}\n");
    expect(suiteLast).toEqual([expect.stringMatching(/^ARG V named the Debian release/)]);
    // Last, a version: the variable is no Debian suite; the tag is decided without it.
    const versionLast = from("ARG V=bookworm\nARG V=1.24\nFROM golang:1.25-${V}\n");
    expect(versionLast).toEqual([
      expect.stringMatching(/^golang:1\.25-\$\{V\}: the tag came from a variable/),
    ]);
  });

  it("reads the last default on a line of several ARGs, and lists that one as the image", () => {
    const text = "ARG BASE=ubuntu:24.04 BASE=debian:12\nFROM $BASE\nUSER ubuntu\n";
    expect(listImageReferences(text).map((r) => r.reference)).toEqual(["debian:12"]);
    // On Debian's base (the last default) there is no ubuntu user to point at Ubuntu's.
    const users = migrate(text).warnings.filter((w) => w.rule === "users");
    expect(users.map((w) => w.message).join("\n")).not.toContain("Ubuntu's image");
  });
});
