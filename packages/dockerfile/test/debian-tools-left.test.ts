import { describe, expect, it } from "vitest";
import { type MigrateResult, migrateDockerfile } from "../src/index.js";
import { packageMap } from "./helpers.js";

const options = { packageMap: packageMap("3.23"), release: "3.23" };

/**
 * Migrates for 3.23; the result's debianToolsLeft is what a second run (`--check` on the
 * written file) finds, and that run changes nothing.
 */
function migrate(text: string): MigrateResult {
  const result = migrateDockerfile(text, options);
  const again = migrateDockerfile(result.output, options);
  expect(again.output).toBe(result.output);
  const at = (r: MigrateResult, k: "line" | "outputLine") =>
    r.debianToolsLeft.map((t) => [t.tool, t[k]]);
  expect(at(again, "line")).toEqual(at(result, "outputLine"));
  return result;
}

const left = (r: MigrateResult) => r.debianToolsLeft.map((t) => [t.tool, t.line, t.column]);

describe("an exec-form RUN's words are judged as Docker decodes them", () => {
  const ESCAPED = 'RUN ["apt\\u002dget","install","-y","curl"]\n';

  it("a JSON escape in the tool's name keeps a Debian stage on Debian", () => {
    const text = `FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git\n${ESCAPED}`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.debianToolsLeft).toEqual([]);
    const from = r.warnings.find((w) => w.rule === "from")!;
    expect(from).toMatchObject({ line: 3, column: 7 });
    expect(from.message).toMatch(/^apt-get in this RUN is not converted: it is an exec-form RUN/);
    expect(from.message).toContain(
      "rewrite it in shell form, RUN apt-get install -y curl, then run alpinize again",
    );
  });

  it("on a stage already on Alpine it is a tool left, and the hint names it", () => {
    const r = migrate(`FROM alpine:3.20\n${ESCAPED}`);
    expect(r.changed).toBe(false);
    expect(left(r)).toEqual([["apt-get", 2, 7]]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "exec-form RUN that runs apt-get is not converted (migrate rewrites shell-form RUN lines only): write it in shell form, RUN apt-get install -y curl, then run alpinize again",
    ]);
  });

  it("a name spelt wholly in escapes, a wrapper, and a sh -c script are read too", () => {
    const r = migrate(
      [
        "FROM alpine:3.23",
        'RUN ["\\u0061pt-get","install","-y","curl"]',
        'RUN ["sudo","-u","root","/usr/bin/apt-cache","policy"]',
        'RUN ["sh","-c","apk add curl && dpkg-query -W"]',
        'RUN ["echo","apt-get"]',
        "",
      ].join("\n"),
    );
    expect(left(r)).toEqual([
      ["apt-get", 2, 7],
      ["apt-cache", 3, 26],
      ["dpkg-query", 4, 33],
    ]);
  });
});

describe("a step migrate leaves as is in a converted RUN is a tool left", () => {
  it("apt-get source and dpkg-divert: the stage moves, and both are listed", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && apt-get source hello && dpkg-divert --add /x\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache curl && apt-get source hello && dpkg-divert --add /x\n",
    );
    expect(r.debianToolsLeft.map((t) => [t.tool, t.outputLine, t.outputColumn])).toEqual([
      ["apt-get", 2, 32],
      ["dpkg-divert", 2, 56],
    ]);
    // Where they stand in the input.
    expect(left(r)).toEqual([
      ["apt-get", 2, 50],
      ["dpkg-divert", 2, 74],
    ]);
  });

  it("apt-get build-dep, xargs apt-get, a $( ) and a sh -c string with a variable", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get build-dep -y hello",
        "RUN xargs apt-get install -y < /pkgs",
        'RUN echo "$(dpkg -S /bin/ls)"',
        'RUN sh -c "apt-cache show $PKG"',
        "",
      ].join("\n"),
    );
    expect(r.output.startsWith("FROM alpine:3.23\n")).toBe(true);
    expect(r.debianToolsLeft.map((t) => [t.tool, t.outputLine])).toEqual([
      ["apt-get", 2],
      ["apt-get", 3],
      ["dpkg", 4],
      ["apt-cache", 5],
    ]);
  });

  it("each one is warned at, also where no rule said anything", () => {
    const r = migrate(
      "FROM alpine:3.23\nRUN apk add --no-cache --virtual .d dpkg && apk del .d\nRUN dpkg-architecture -qDEB_HOST_ARCH > /arch\n",
    );
    expect(left(r)).toEqual([["dpkg-architecture", 3, 5]]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ rule: "apt", line: 3, column: 5 });
    expect(r.warnings[0]!.message).toBe(
      "dpkg-architecture is a Debian tool this Alpine stage does not have installed when this call runs, so this RUN fails here: install dpkg-dev with apk add before the call and keep it installed until then (a virtual package deleted before it is gone again), or rewrite the step for Alpine; migrate --check fails until then",
    );
  });
});

describe("what is no tool left", () => {
  it("dpkg's programs where apk installs dpkg or dpkg-dev, for good or in the same RUN", () => {
    const r = migrate(
      [
        "FROM alpine:3.23 AS base",
        "RUN apk add --no-cache dpkg",
        "FROM base",
        'RUN dpkgArch="$(dpkg --print-architecture)"; echo "$dpkgArch"',
        "FROM alpine:3.23",
        "ENV DEPS dpkg-dev dpkg",
        'RUN apk add --no-cache --virtual .build-deps $DEPS && gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)" && apk del .build-deps',
        "",
      ].join("\n"),
    );
    expect(r.debianToolsLeft).toEqual([]);
  });

  it("shadow's tools where apk installs shadow", () => {
    const r = migrate("FROM alpine:3.23\nRUN apk add --no-cache shadow && useradd -m bob\n");
    expect(r.debianToolsLeft).toEqual([]);
  });

  it("a tool only named (echo, command -v, a path) or in an ONBUILD", () => {
    const r = migrate(
      [
        "FROM alpine:3.23",
        "RUN echo apt-get && command -v apt-get || true",
        "RUN rm -rf /var/lib/apt/lists/* /usr/bin/dpkg-helper.txt",
        "ONBUILD RUN apt-get install -y curl",
        "",
      ].join("\n"),
    );
    expect(r.debianToolsLeft).toEqual([]);
  });

  it("a name that only starts like a tool's, however long", () => {
    const long = `dpkg-${"x".repeat(100_000)}`;
    const r = migrate(`FROM alpine:3.23\nRUN ${long} && apt-getter\n`);
    expect(r.debianToolsLeft).toEqual([]);
  });
});

describe("a tool is judged by what apk has installed when it runs, as alpinize check judges it", () => {
  const lines = (...l: string[]) => `${["FROM alpine:3.23 AS base", ...l].join("\n")}\n`;
  const tools = (r: MigrateResult) => r.debianToolsLeft.map((t) => [t.tool, t.line]);

  it("a virtual package another RUN deleted, before the apk add, after the apk del", () => {
    const r = migrate(
      lines(
        "RUN apk add --no-cache --virtual .d dpkg && apk del .d",
        "RUN dpkg -l > /a",
        "RUN apk add --no-cache -t.e dpkg && apk del .e && dpkg -l > /b",
        "RUN dpkg-query -W > /c && apk add --no-cache dpkg-dev",
        "RUN apk add --no-cache shadow && apk del shadow && groupadd g",
        "",
      ),
    );
    expect(tools(r)).toEqual([
      ["dpkg", 3],
      ["dpkg", 4],
      ["dpkg-query", 5],
    ]);
    // shadow is gone when groupadd runs: busybox's addgroup does it instead.
    expect(r.output).toContain("apk del shadow && addgroup g\n");
  });

  it("a stage built FROM one starts with what that one left; a sibling's installs do not count", () => {
    const r = migrate(
      lines(
        "RUN apk add --no-cache --virtual .d dpkg shadow && apk add --no-cache shadow && apk del .d",
        "FROM base",
        "RUN useradd -m bob && dpkg -L dpkg > /a",
        "FROM alpine:3.23",
        "RUN dpkg -L dpkg > /b",
        "",
      ),
    );
    expect(tools(r)).toEqual([
      ["dpkg", 4],
      ["dpkg", 6],
    ]);
  });

  it("installed before the call and deleted after it, behind sudo or a variable, in an exec form, or by an ONBUILD RUN", () => {
    const r = migrate(
      [
        "FROM alpine:3.23",
        "ARG FETCH=.fetch-deps",
        'RUN sudo apk add --no-cache -t "$FETCH" dpkg && dpkg --print-architecture > /a && apk del "$FETCH"',
        "RUN set -e; DEPS='dpkg-dev shadow'; apk add --no-cache $DEPS; dpkg-architecture -qDEB_HOST_MULTIARCH; useradd a",
        'RUN ["sh", "-c", "apk add --no-cache dpkg && dpkg -L dpkg"]',
        'RUN ["apk", "del", "dpkg"]',
        'RUN ["apk", "add", "--no-cache", "dpkg"]',
        "RUN dpkg -L dpkg",
        "FROM alpine:3.23 AS onbuild",
        "ONBUILD RUN apk add --no-cache dpkg",
        "FROM onbuild",
        "RUN dpkg -L dpkg",
        "",
      ].join("\n"),
    );
    expect(r.debianToolsLeft).toEqual([]);
  });
});
