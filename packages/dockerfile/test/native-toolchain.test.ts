import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

// The full Debian tags of python, node, ruby, … are built on buildpack-deps (gcc, make, libc
// headers); their -alpine tags have none. A stage that installs -dev packages and compiles
// against them gets build-base; one that only looks like it builds keeps the image's note.

const NOTE = /is built on buildpack-deps \(compilers, make, -dev libraries\)/;

describe("build-base for a native build moved off a full Debian language tag", () => {
  it("adds it to the apk add before the build (ruby, bundle install)", () => {
    const r = migrate(
      "FROM ruby:3.2-bookworm\nRUN apt-get update && apt-get install -y libpq-dev\nCOPY Gemfile* ./\nRUN bundle install\n",
    );
    expect(r.output).toBe(
      "FROM ruby:3.2-alpine\nRUN apk add --no-cache postgresql-dev tzdata build-base\nCOPY Gemfile* ./\nRUN bundle install\n",
    );
    const from = r.warnings.filter((w) => w.rule === "from");
    expect(from.map((w) => [w.line, w.message])).toEqual([
      [
        4,
        expect.stringMatching(
          /^ruby:3\.2-bookworm is built on buildpack-deps, whose gcc, make and libc headers bundle install compiles with here \(against libpq-dev\), .*: added build-base/,
        ),
      ],
    ]);
    expect(r.packages.find((p) => p.written.includes("build-base"))).toMatchObject({
      debian: "build-essential",
      kind: "image-provided",
      layer: "migrate-rule",
      line: 4,
      reason: expect.stringMatching(/bundle install/),
    });
  });

  it("puts it in the build-deps of the RUN that builds (python, pip install)", () => {
    const r = migrate(
      "FROM python:3.11-bookworm\nRUN apt-get install -y libhdf5-dev && pip install h5py && apt-get purge -y libhdf5-dev\n",
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache --virtual .build-deps hdf5-dev build-base && pip install h5py && apk del",
    );
  });

  it("adds it in the stage that builds, FROM a stage on the full tag", () => {
    const r = migrate(
      "FROM python:3.12 AS base\nFROM base AS build\nRUN apt-get install -y libpq-dev && python3 -m pip install psycopg2\n",
    );
    expect(r.output).toContain(
      "FROM base AS build\nRUN apk add --no-cache postgresql-dev build-base && python3 -m pip",
    );
  });

  it("counts an npm install as a native build only with node-gyp signs", () => {
    const plain = migrate("FROM node:20-bookworm\nRUN apt-get install -y libvips-dev && npm ci\n");
    expect(plain.output).not.toContain("build-base");
    expect(plain.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(NOTE));
    const gyp = migrate(
      "FROM node:20-bookworm\nRUN apt-get install -y libvips-dev && npm ci --build-from-source\n",
    );
    expect(gyp.output).toContain("apk add --no-cache vips-dev build-base && npm ci");
    expect(gyp.warnings.map((w) => w.message)).not.toContainEqual(expect.stringMatching(NOTE));
  });

  it("keeps the note alone without -dev packages, and says nothing without a build", () => {
    const npm = migrate("FROM node:20-bookworm\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n");
    expect(npm.output).not.toContain("apk");
    expect(npm.warnings.map((w) => w.message)).toEqual([expect.stringMatching(NOTE)]);
    const headers = migrate("FROM ruby:3.2-bookworm\nRUN apt-get install -y libpq-dev\n");
    expect(headers.output).not.toContain("build-base");
    expect(headers.warnings.filter((w) => w.rule === "from")).toEqual([]);
  });

  it("leaves a stage with its own toolchain, and slim tags, alone", () => {
    // gcc (with musl-dev for the -dev packages) serves pip, which runs no make.
    const gcc = migrate(
      "FROM python:3.12\nRUN apt-get install -y gcc libpq-dev && pip install psycopg2\n",
    );
    expect(gcc.output).toContain("apk add --no-cache gcc musl-dev postgresql-dev && pip");
    expect(gcc.output).not.toContain("build-base");
    // A gem's C extension is built by make, which the full tag had and gcc does not bring.
    expect(
      migrate("FROM ruby:3.3\nRUN apt-get install -y gcc libpq-dev && gem install pg\n").output,
    ).toContain("build-base");
    // Slim tags never had a compiler: the Debian build would have failed the same way.
    expect(
      migrate("FROM python:3.12-slim\nRUN apt-get install -y libpq-dev && pip install psycopg2\n")
        .output,
    ).not.toContain("build-base");
  });
});

describe("the image's note where the stage installs its own toolchain", () => {
  const notes = (text: string) =>
    migrate(text).warnings.filter((w) => w.rule === "from" && /buildpack-deps/.test(w.message));

  it("is not given for g++ (gcc and musl-dev on Alpine) and make beside -dev packages", () => {
    // Tester finding, session 18 (/tmp/tester18/df/02-node): an npm addon build from source.
    const text = [
      "FROM node:22-bookworm AS deps",
      "RUN apt-get update && apt-get install -y --no-install-recommends \\",
      "    python3 make g++ libvips-dev libsqlite3-dev pkg-config git \\",
      "  && rm -rf /var/lib/apt/lists/*",
      "RUN npm ci --build-from-source=sqlite3",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toContain("python3 make g++ linux-headers vips-dev sqlite-dev pkgconf git\n");
    expect(r.output).not.toContain("build-base");
    expect(notes(text)).toEqual([]);
    // build-base installed by the stage itself, with its -dev packages: nothing to say either.
    expect(
      notes(
        "FROM python:3.12\nRUN apt-get install -y build-essential libpq-dev && pip install x\n",
      ),
    ).toEqual([]);
  });

  it("is still given, or build-base added, where a part is missing", () => {
    // No make for the addon build: build-base comes, with its own warning.
    const noMake =
      "FROM node:22-bookworm\nRUN apt-get install -y g++ libvips-dev && npm ci --build-from-source\n";
    expect(migrate(noMake).output).toContain("build-base");
    expect(notes(noMake).map((w) => w.message)).toEqual([
      expect.stringMatching(/: added build-base/),
    ]);
    // A toolchain with no -dev package: the libraries buildpack-deps shipped may be missing.
    const noDev =
      "FROM node:22-bookworm\nRUN apt-get install -y make g++ && npm ci --build-from-source\n";
    expect(notes(noDev).map((w) => w.message)).toEqual([
      expect.stringMatching(/is built on buildpack-deps \(compilers, make, -dev libraries\)/),
    ]);
  });
});

describe("what the note and the warning say each -alpine tag has", () => {
  const noteOf = (text: string) =>
    migrate(text).warnings.find((w) => w.rule === "from" && NOTE.test(w.message))?.message;

  it("says rust's -alpine tag has gcc and, in recent tags, musl-dev, and names cargo", () => {
    const note = noteOf("FROM rust:1.82-bookworm\nRUN cargo build --release\n");
    expect(note).toBe(
      "rust:1.82-bookworm is built on buildpack-deps (compilers, make, -dev libraries); the -alpine tag has gcc (rustc's linker) and, in tags built since December 2025, musl-dev, but no make, g++ or -dev libraries: add build-base and the -dev packages native builds (cargo build scripts, -sys crates) need",
    );
    const added = migrate(
      "FROM rust:1.82-bookworm\nRUN apt-get update && apt-get install -y libpq-dev\nRUN cargo build --release\n",
    ).warnings.find((w) => w.message.includes("added build-base"))?.message;
    expect(added).toContain(
      "and the -alpine tag has gcc (rustc's linker) and, in tags built since December 2025, musl-dev, but no make, g++ or -dev libraries: added build-base",
    );
  });

  it("says the other images' -alpine tags have no compiler, naming their own builds", () => {
    expect(noteOf("FROM node:20-bookworm\nRUN npm ci\n")).toMatch(
      /; the -alpine tag has no compiler, make, libc headers or -dev libraries: add build-base and the -dev packages native builds \(npm with node-gyp\) need$/,
    );
    expect(noteOf("FROM python:3.12\nRUN pip install -r requirements.txt\n")).toMatch(
      /no compiler, make, libc headers or -dev libraries: .* \(pip\) need$/,
    );
  });
});
