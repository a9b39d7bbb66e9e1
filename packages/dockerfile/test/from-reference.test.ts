// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { expandReference, resolveReference } from "../src/global-args.js";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { analyzeStages } from "../src/stages.js";
import { migrate } from "./helpers.js";

const CURL = "RUN apt-get install -y curl\n";
const fromWarnings = (r: { warnings: { rule: string; message: string }[] }) =>
  r.warnings.filter((w) => w.rule === "from").map((w) => w.message);

describe("a FROM image Docker refuses, or one alpinize cannot read", () => {
  it("leaves an upper-case repository as is, saying Docker refuses it and how to write it", () => {
    for (const image of ["DEBIAN:bookworm", "docker.io/Library/debian:12"]) {
      const text = `FROM ${image}\n${CURL}`;
      const r = migrate(text);
      expect(r.output).toBe(text);
      expect(fromWarnings(r)).toEqual([
        expect.stringMatching(
          /Docker refuses this image reference \("invalid reference format": repository names must be lowercase\).*write it in lowercase: (debian:bookworm|docker\.io\/library\/debian:12); the stage is left as is$/,
        ),
      ]);
    }
    // Through a global ARG default too.
    const viaArg = migrate(`ARG BASE=Debian:12\nFROM \${BASE}\n${CURL}`);
    expect(viaArg.output).toContain("ARG BASE=Debian:12\n");
    expect(fromWarnings(viaArg)[0]).toMatch(/^FROM \$\{BASE\} \(Debian:12\): Docker refuses/);
  });

  it("names a malformed reference and a quote that never closes", () => {
    const bad = migrate(`FROM debian::bookworm\n${CURL}`);
    expect(bad.output).toContain(CURL);
    expect(fromWarnings(bad)[0]).toMatch(/^FROM debian::bookworm: Docker refuses/);
    const open = migrate(`FROM "debian:bookworm\n${CURL}`);
    expect(open.output).toContain(CURL);
    expect(fromWarnings(open)[0]).toMatch(
      /double-quote is never closed.*"unexpected end of statement while looking for matching double-quote"/,
    );
  });

  it("reads quotes around the whole image as BuildKit does, and keeps them", () => {
    expect(migrate(`FROM "debian:bookworm"\n${CURL}`).output).toBe(
      'FROM "alpine:3.23"\nRUN apk add --no-cache curl\n',
    );
    expect(migrate(`FROM 'debian:bookworm' AS base\n${CURL}`).output).toContain(
      "FROM 'alpine:3.23' AS base\n",
    );
    expect(migrate(`ARG B=debian:12\nFROM "\${B}"\n${CURL}`).output).toContain(
      "ARG B=alpine:3.23\n",
    );
  });

  it("does not read quotes inside a reference, and says what BuildKit builds on", () => {
    const text = `FROM debian:book"worm"\n${CURL}`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(fromWarnings(r)[0]).toMatch(/builds on debian:bookworm.*write it as debian:bookworm/);
  });

  it("leaves a stage name in any case, and scratch, alone", () => {
    const r = migrate(`FROM debian:12 AS build\n${CURL}FROM BUILD\nRUN true\nFROM scratch\n`);
    expect(fromWarnings(r).filter((w) => /refuses|cannot read/.test(w))).toEqual([]);
  });
});

describe("${X:-${Y}}: a default holding variables, read as BuildKit reads it", () => {
  const args = (text: string) =>
    analyzeStages(parseDockerfile(`${text}\nFROM scratch\n`)).globalArgs;

  it("expands the inner variables of the word used", () => {
    const a = args("ARG Y=debian:bookworm\nARG S=bookworm");
    expect(expandReference("${X:-${Y}}", a)).toEqual({ text: "debian:bookworm", unresolved: [] });
    expect(expandReference("debian:${X:-${S}-slim}", a).text).toBe("debian:bookworm-slim");
    expect(expandReference("debian:${X:-${Z}}", a)).toEqual({
      text: "debian:${Z}",
      unresolved: ["Z"],
    });
    expect(expandReference("${X:-${Z:-${Y}}}", a).text).toBe("debian:bookworm");
    // Where each piece is written, for a rewrite: the inner ARG's default.
    const r = resolveReference("${X:-${Y}}", 100, a);
    expect(r?.segments.map((s) => [s.source, s.text])).toEqual([["arg", "debian:bookworm"]]);
  });

  it("keeps a nesting past its bound as written instead of overflowing the stack", () => {
    const deep = `${"${X:-".repeat(5000)}debian${"}".repeat(5000)}`;
    const r = expandReference(deep, args("ARG Q=1"));
    expect(r.unresolved).toEqual(["X"]);
    expect(resolveReference(deep, 0, args("ARG Q=1"))).toBeUndefined();
  });

  it("moves FROM ${X:-${Y}} through ARG Y's default", () => {
    const r = migrate(`ARG Y=debian:bookworm\nFROM \${X:-\${Y}}\n${CURL}`);
    expect(r.output).toBe("ARG Y=alpine:3.23\nFROM ${X:-${Y}}\nRUN apk add --no-cache curl\n");
  });
});

describe("${ that never closes", () => {
  it("is text, read once however many there are", () => {
    const a = analyzeStages(parseDockerfile("ARG Y=1\nFROM scratch\n")).globalArgs;
    expect(expandReference("debian:${X:-${Y}", a)).toEqual({
      text: "debian:${X:-1",
      unresolved: [],
    });
    const many = `debian:${"${X:-".repeat(20_000)}`;
    expect(expandReference(many, a).text).toBe(many);
  });
});
