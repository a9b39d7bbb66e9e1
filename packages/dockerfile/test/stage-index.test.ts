import { describe, expect, it } from "vitest";
import { analyzeStages, parseDockerfile } from "../src/index.js";
import { migrate } from "./helpers.js";

/** For each stage, the index of the stage it is built FROM (undefined for an image). */
function parents(text: string): (number | undefined)[] {
  return analyzeStages(parseDockerfile(text)).stages.map((s) => s.parent?.index);
}

const warningsOf = (text: string, rule: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === rule)
    .map((w) => w.message);

describe("stage names looked up through the index of earlier stages", () => {
  it("reads a reused name as the first stage that took it (BuildKit refuses the file)", () => {
    const text = "FROM debian:12 AS b\nFROM ubuntu:24.04 AS b\nFROM b AS c\nFROM B\n";
    expect(parents(text)).toEqual([undefined, undefined, 0, 0]);
    // A name reused in another case is the same name.
    expect(parents("FROM debian:12 AS Base\nFROM ubuntu:24.04 AS base\nFROM BASE\n")).toEqual([
      undefined,
      undefined,
      0,
    ]);
  });

  it("matches names in any case, and only earlier stages", () => {
    expect(parents("FROM debian:12 AS Build\nFROM build\nFROM BUILD AS x\nFROM X\n")).toEqual([
      undefined,
      0,
      0,
      2,
    ]);
    // A FROM naming a stage defined further down is an image; so is a stage naming itself.
    expect(parents("FROM later\nFROM debian:12 AS later\nFROM self AS self\n")).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("follows FROM chains, branches included, to the stage naming an image", () => {
    const text = "FROM debian:12 AS a\nFROM a AS b\nFROM b AS c\nFROM a AS d\nFROM c\n";
    expect(parents(text)).toEqual([undefined, 0, 1, 0, 2]);
  });

  it("reads an alias that is also an image name as the stage, not the image", () => {
    expect(parents("FROM debian:12 AS alpine\nFROM alpine\nFROM alpine:3.20\n")).toEqual([
      undefined,
      0,
      undefined,
    ]);
    const r = migrate(
      "FROM debian:12 AS alpine\nRUN apt-get update && apt-get install -y curl\nFROM alpine\nRUN apt-get install -y git\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23 AS alpine\nRUN apk add --no-cache curl\nFROM alpine\nRUN apk add --no-cache git\n",
    );
  });
});

describe("zoneinfo copied from a stage, by name or by index", () => {
  const build = "RUN apt-get update && apt-get install -y curl";

  it("adds tzdata to the stage COPY --from=<index> names", () => {
    const r = migrate(
      `FROM debian:12\n${build}\nFROM debian:12 AS other\n${build}\nFROM scratch\nCOPY --from=0 /usr/share/zoneinfo /usr/share/zoneinfo\n`,
    );
    expect(r.output.match(/tzdata/g)).toHaveLength(1);
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache curl tzdata\n/);
  });

  it("matches the name in any case and names the first such COPY in the file", () => {
    const named = (first: string, second: string) =>
      warningsOf(
        `FROM debian:12 AS Tz\n${build}\nFROM scratch\nCOPY --from=${first} /usr/share/zoneinfo /z1\nCOPY --from=${second} /usr/share/zoneinfo /z2\n`,
        "musl",
      ).filter((m) => m.includes("tzdata"));
    expect(named("TZ", "0")).toEqual([expect.stringMatching(/^line 4 copies/)]);
    expect(named("0", "tz")).toEqual([expect.stringMatching(/^line 4 copies/)]);
    expect(named("other", "tZ")).toEqual([expect.stringMatching(/^line 5 copies/)]);
    expect(named("other", "1")).toEqual([]);
  });

  it("adds tzdata only to the stage copied from, not to its parent or children", () => {
    const r = migrate(
      `FROM debian:12 AS a\n${build}\nFROM a AS b\n${build}\nFROM b AS c\n${build}\nFROM scratch\nCOPY --from=b /usr/share/zoneinfo /usr/share/zoneinfo\n`,
    );
    expect(r.output.split("\n").filter((l) => l.includes("tzdata"))).toEqual([
      "RUN apk add --no-cache curl tzdata",
    ]);
    expect(r.output.indexOf("tzdata")).toBeGreaterThan(r.output.indexOf("FROM a AS b"));
    expect(r.output.indexOf("tzdata")).toBeLessThan(r.output.indexOf("FROM b AS c"));
  });
});

describe("base users through FROM chains", () => {
  it("makes www-data once in a chain that uses it in every stage", () => {
    const r = migrate(
      "FROM debian:12 AS a\nUSER www-data\nFROM a AS b\nUSER www-data\nFROM b\nRUN chown www-data /srv\n",
    );
    expect(r.output.match(/adduser -u 82/g)).toHaveLength(1);
    expect(r.output).toMatch(/^FROM alpine:3\.23 AS a\nRUN adduser -u 82 /);
  });

  it("counts a user made in an ancestor, not in a sibling stage", () => {
    const base = "FROM debian:12 AS a\nRUN echo base\n";
    const made = "FROM a AS b\nRUN useradd -r proxy\n";
    expect(warningsOf(`${base}${made}FROM b\nUSER proxy\n`, "users")).toEqual([]);
    expect(warningsOf(`${base}${made}FROM a\nUSER proxy\n`, "users")).toEqual([
      expect.stringMatching(/^user proxy exists in Debian's base image/),
    ]);
    // Flagged in the parent: the child using it again is not flagged twice.
    expect(warningsOf(`${base}USER proxy\nFROM a\nUSER proxy\n`, "users")).toHaveLength(1);
  });

  it("reads the image at the root of the chain (php has www-data, ubuntu has ubuntu)", () => {
    const php = migrate("FROM php:8.3-fpm-bookworm AS a\nFROM a AS b\nFROM b\nUSER www-data\n");
    expect(php.output).not.toContain("adduser");
    expect(
      warningsOf("FROM ubuntu:24.04 AS a\nFROM A AS b\nFROM b\nUSER ubuntu\n", "users"),
    ).toEqual([expect.stringMatching(/^Ubuntu's image \(23\.04 on\) has the user ubuntu/)]);
    expect(warningsOf("FROM debian:12 AS a\nFROM a\nUSER ubuntu\n", "users")).toEqual([]);
  });

  it("reads a FROM $ARG root through its global default, among many other ARGs", () => {
    const args = Array.from({ length: 50 }, (_, i) => `ARG B${i}=debian:12`).join("\n");
    const php = migrate(
      `${args}\nARG BASE=php:8.3-fpm-bookworm\nFROM \${BASE} AS a\nFROM a\nUSER www-data\n`,
    );
    expect(php.output).not.toContain("adduser");
    expect(
      warningsOf(
        `${args}\nARG BASE="ubuntu:24.04"\nFROM \${BASE} AS a\nFROM a\nUSER ubuntu\n`,
        "users",
      ),
    ).toEqual([expect.stringMatching(/^Ubuntu's image \(23\.04 on\) has the user ubuntu/)]);
    // B1 is not B10: the name is matched whole.
    expect(
      warningsOf("ARG B10=ubuntu:24.04\nARG B1=debian:12\nFROM $B1\nUSER ubuntu\n", "users"),
    ).toEqual([]);
  });
});
