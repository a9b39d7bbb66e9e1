// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { listImageReferences } from "../images.js";
import { parseDockerfile } from "./dockerfile.js";
import { sourceSpan } from "./logical.js";

describe("parseDockerfile", () => {
  it("reads directives, comments and instructions with exact offsets", () => {
    const text = "# syntax=docker/dockerfile:1\n# a comment\nFROM debian:12 AS base\nRUN echo hi\n";
    const doc = parseDockerfile(text);
    expect(doc.directives.map((d) => [d.name, d.value])).toEqual([
      ["syntax", "docker/dockerfile:1"],
    ]);
    expect(doc.comments.map((c) => c.line)).toEqual([2]);
    const [from, run] = doc.instructions;
    expect(from?.keyword).toBe("FROM");
    expect(text.slice(from!.start, from!.end)).toBe("FROM debian:12 AS base");
    expect(run?.line).toBe(4);
    expect(run?.args.text).toBe("echo hi");
  });

  it("joins continuation lines and drops comment lines inside them, keeping the source map", () => {
    const text = "RUN apt-get install -y \\\n# why tzdata\n    tzdata \\\n\n    curl\nUSER x\n";
    const doc = parseDockerfile(text);
    const run = doc.instructions[0]!;
    expect(run.args.text).toBe("apt-get install -y     tzdata     curl");
    const at = run.args.text.indexOf("curl");
    const [s, e] = sourceSpan(run.args, at, at + 4);
    expect(text.slice(s, e)).toBe("curl");
    expect(run.endLine).toBe(5);
    expect(doc.instructions[1]?.line).toBe(6);
  });

  it("honours the backtick escape directive", () => {
    const text = "# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  C:\\temp\n";
    const doc = parseDockerfile(text);
    expect(doc.escape).toBe("`");
    expect(doc.instructions[1]?.args.text).toBe("dir   C:\\temp");
  });

  it("keeps CRLF line endings out of the logical text", () => {
    const text = "FROM debian\r\nRUN a \\\r\n  b\r\n";
    const doc = parseDockerfile(text);
    expect(doc.eol).toBe("\r\n");
    expect(doc.instructions[1]?.args.text).toBe("a   b");
    expect(doc.instructions[1]?.end).toBe(text.length - 2);
  });

  it("reads heredoc bodies, including <<- and quoted delimiters", () => {
    const text =
      "FROM x\nRUN <<EOF\napt-get update\nEOF\nCOPY <<-'END' /a\n\thello\n\tEND\nUSER u\n";
    const doc = parseDockerfile(text);
    const run = doc.instructions[1]!;
    const h = run.heredocs[0]!;
    expect(text.slice(h.bodyStart, h.bodyEnd)).toBe("apt-get update\n");
    const copy = doc.instructions[2]!;
    expect(copy.heredocs[0]).toMatchObject({ delimiter: "END", stripTabs: true, quoted: true });
    expect(doc.instructions[3]?.keyword).toBe("USER");
  });

  it("tells exec form from shell form", () => {
    const doc = parseDockerfile(
      'FROM x\nRUN ["apt-get","update"]\nCMD echo ["a"]\nSHELL ["/bin/bash", "-c"]\n',
    );
    expect(doc.instructions.map((i) => i.form)).toEqual(["shell", "exec", "shell", "exec"]);
  });

  it("names the line of a non-instruction", () => {
    expect(() => parseDockerfile("FROM x\n\n  = nope\n", { fileName: "D" })).toThrow(/D:3:/);
    expect(() => parseDockerfile("FROM x\nRUN <<EOF\nno end\n")).toThrow(/never closed/);
  });
});

describe("listImageReferences", () => {
  it("lists FROM images and ARG defaults used as FROM ${X}, skipping scratch and stages", () => {
    const text = [
      "ARG BASE=debian:trixie-slim",
      'ARG OTHER="golang:1.25"',
      "FROM --platform=$BUILDPLATFORM golang:1.25-trixie AS build",
      "FROM build AS again",
      "FROM scratch",
      "FROM ${BASE}",
      "FROM $OTHER AS o",
      "FROM ghcr.io/o/r:${TAG}",
      "",
    ].join("\n");
    const refs = listImageReferences(text);
    expect(refs.map((r) => [r.kind, r.reference, r.line, r.stage, r.argName, r.platform])).toEqual([
      ["from", "golang:1.25-trixie", 3, "build", undefined, "$BUILDPLATFORM"],
      ["arg", "debian:trixie-slim", 1, undefined, "BASE", undefined],
      ["arg", "golang:1.25", 2, "o", "OTHER", undefined],
    ]);
    for (const r of refs) expect(text.slice(r.start, r.end)).toBe(r.reference);
  });
});

describe("FROM without an image", () => {
  it("is a syntax error when AS has no name, or extra words follow", () => {
    expect(() => parseDockerfile("FROM debian:12 AS\n")).toThrow(
      /Dockerfile:1: FROM takes an image/,
    );
    expect(() => parseDockerfile("FROM debian:12 AS a b\n")).toThrow(/FROM takes an image/);
    expect(() => parseDockerfile("FROM debian:12 AS 1bad\n")).toThrow(/FROM takes an image/);
    expect(() => parseDockerfile("FROM debian:12 as build\nFROM build\n")).not.toThrow();
  });

  it("is a syntax error with its line", () => {
    expect(() => parseDockerfile("FROM --platform=linux/amd64\nRUN true\n")).toThrow(
      /Dockerfile:1: FROM names no image/,
    );
  });
});
