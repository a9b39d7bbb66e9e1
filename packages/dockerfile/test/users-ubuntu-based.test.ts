import { describe, expect, it } from "vitest";
import { debianRelease } from "../src/rules/debian-releases.js";
import { CODENAMES } from "../src/rules/images.js";
import { ubuntuImageHasUser } from "../src/rules/users-ubuntu.js";
import { migrate } from "./helpers.js";

const ADD =
  "RUN addgroup -g 1000 ubuntu && adduser -D -u 1000 -G ubuntu -g Ubuntu -s /bin/sh ubuntu";
const added = (text: string) => migrate(text).output.split(ADD).length - 1;

describe("the user ubuntu of images built on Ubuntu 23.04 and later", () => {
  it("adds it on eclipse-temurin's noble tags, saying which image had it", () => {
    const r = migrate("FROM eclipse-temurin:21-jdk-noble\nUSER ubuntu\nCMD java -version\n");
    expect(r.output).toBe(
      `FROM eclipse-temurin:21-jdk-alpine\n${ADD}\nUSER ubuntu\nCMD java -version\n`,
    );
    expect(r.warnings.map((w) => w.message)).toContain(
      "eclipse-temurin:21-jdk-noble is built on Ubuntu 24.04, whose image has the user ubuntu (UID 1000, group ubuntu GID 1000, home /home/ubuntu), Alpine's does not: added them after the FROM, with /bin/sh as its shell (Ubuntu's is /bin/bash, which this stage does not install)",
    );
  });

  it.each([
    "eclipse-temurin:17-jre-noble",
    "maven:3.9-eclipse-temurin-21-noble",
    "gradle:8.10-jdk21-noble",
    "buildpack-deps:noble",
    "buildpack-deps:oracular-curl",
    "mcr.microsoft.com/dotnet/aspnet:8.0-noble",
    // Tags that name no release follow the image's default, Ubuntu 24.04 today.
    "eclipse-temurin:21-jre",
    "maven:3.9-eclipse-temurin-21",
  ])("adds it on %s", (image) => {
    expect(added(`FROM ${image}\nRUN chown -R ubuntu:ubuntu /srv\n`)).toBe(1);
  });

  it.each([
    "eclipse-temurin:21-jdk-jammy",
    "eclipse-temurin:17-jre-focal",
    "maven:3.9-eclipse-temurin-17-focal",
    "buildpack-deps:jammy",
    "buildpack-deps:bookworm",
    "node:20-bookworm",
    "python:3.12",
    "mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled",
  ])("adds none on %s, whose image has no user ubuntu", (image) => {
    expect(added(`FROM ${image}\nUSER ubuntu\n`)).toBe(0);
  });

  it("follows the stage chain: once, in the first stage that names it, as root", () => {
    const r = migrate(
      "FROM eclipse-temurin:21-jre-noble AS base\nUSER nobody\nFROM base AS app\nUSER ubuntu\nFROM app\nUSER ubuntu\nFROM base AS other\nRUN true\n",
    );
    expect(r.output).toBe(
      `FROM eclipse-temurin:21-jre-alpine AS base\nUSER nobody\nFROM base AS app\nUSER root\n${ADD}\nUSER nobody\nUSER ubuntu\nFROM app\nUSER ubuntu\nFROM base AS other\nRUN true\n`,
    );
    expect(added("FROM eclipse-temurin:21-jre-jammy AS base\nFROM base\nUSER ubuntu\n")).toBe(0);
  });

  it("reads the release through the global ARG default a FROM names", () => {
    const text = (tag: string) =>
      `ARG JAVA=eclipse-temurin:${tag}\nFROM \${JAVA} AS jre\nFROM jre\nUSER ubuntu\n`;
    expect(added(text("21-jre-noble"))).toBe(1);
    expect(added(text("21-jre-jammy"))).toBe(0);
  });

  it("drops a userdel ubuntu that ran before any use, which would fail on Alpine", () => {
    const r = migrate(
      "FROM eclipse-temurin:21-jre-noble\nRUN userdel -r ubuntu && useradd -u 1000 -m app\nUSER app\n",
    );
    expect(r.output).toBe(
      "FROM eclipse-temurin:21-jre-alpine\nRUN adduser -D -u 1000 app\nUSER app\n",
    );
    expect(r.warnings.map((w) => w.message)).toContain(
      "userdel ubuntu removed: eclipse-temurin:21-jre-noble is built on Ubuntu 24.04, whose image has a user ubuntu (UID 1000), Alpine's does not, so UID 1000 is free there",
    );
  });

  it("counts USER 1000 as ubuntu, whose group and home Docker reads from /etc/passwd", () => {
    for (const user of ["1000", "1000:1000"])
      expect(migrate(`FROM eclipse-temurin:21-jre-noble\nUSER ${user}\n`).output).toBe(
        `FROM eclipse-temurin:21-jre-alpine\n${ADD}\nUSER ${user}\n`,
      );
    // A numeric owner reads no account: the files are owned the same on Alpine.
    expect(added("FROM ubuntu:24.04\nCOPY --chown=1000:1000 app /srv/app\n")).toBe(0);
    expect(added("FROM ubuntu:22.04\nUSER 1000\n")).toBe(0);
  });

  it("is idempotent: the migrated file is Alpine already and gets nothing more", () => {
    const once = migrate("FROM eclipse-temurin:21-jdk-noble\nUSER ubuntu\n").output;
    const twice = migrate(once);
    expect(twice.output).toBe(once);
    expect(twice.warnings.filter((w) => w.rule === "users")).toEqual([]);
  });

  it("reads the release from the tag's codename or Ubuntu's version", () => {
    const codename = (ref: string) => debianRelease(ref)?.codename;
    expect(
      ["eclipse-temurin:21-jdk-noble", "ubuntu:23.10", "ubuntu:zesty", "node:22-trixie-slim"].map(
        codename,
      ),
    ).toEqual(["noble", "mantic", "zesty", "trixie"]);
    // Codenames of old interim releases are ordinary words: read in Ubuntu's own images only.
    expect(
      ["ubuntu:groovy", "buildpack-deps:disco", "gradle:8-jdk17-groovy"].map(codename),
    ).toEqual(["groovy", "disco", undefined]);
    const has = (ref: string) => ubuntuImageHasUser(ref);
    expect(
      ["ubuntu:lunar", "ubuntu:25.04", "ubuntu:rolling", "buildpack-deps:questing-scm"].map(has),
    ).toEqual([true, true, true, true]);
    expect(
      ["ubuntu:kinetic", "ubuntu:16.10", "ubuntu:13.04", "ubuntu:xenial", "debian:trixie"].map(has),
    ).toEqual([false, false, false, false, false]);
  });

  it("knows every Ubuntu codename the FROM rule strips from a tag", () => {
    const debianSuites = new Set(["jessie", "stretch", "buster", "bullseye", "bookworm"]);
    for (const suite of ["trixie", "forky", "sid"]) debianSuites.add(suite);
    const unknown = [...CODENAMES].filter(
      (c) => !debianSuites.has(c) && debianRelease(`x:1-${c}`)?.distro !== "Ubuntu",
    );
    expect(unknown).toEqual([]);
  });
});
