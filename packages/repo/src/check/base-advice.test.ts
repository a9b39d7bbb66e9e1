import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { debianBaseHint, replacementFor } from "./base-advice.js";
import { checkStages } from "./dockerfile-rules.js";

function debianBase(text: string): string[] {
  const settings = { skip: [], requireDigests: false, ignoreImages: [] };
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "debian-base")
    .map((f) => f.message);
}

describe("debian-base hint", () => {
  it("names the Alpine image to use for the Java images migrate leaves", () => {
    const text =
      "FROM maven:3.8.6-openjdk-11-slim AS build\nRUN mvn package\nFROM openjdk:11-jre-slim\nCOPY --from=build /app.jar /app.jar\n";
    const [maven, openjdk] = debianBase(text);
    expect(maven).toMatch(/alpinize migrate leaves this image/);
    expect(maven).toMatch(/use a maven:3\.8\.6-eclipse-temurin-11-alpine tag/);
    expect(openjdk).toMatch(/use eclipse-temurin:11-jre-alpine/);
    for (const message of [maven, openjdk]) expect(message).not.toMatch(/run "alpinize migrate"/);
  });

  it("sends images migrate moves to migrate", () => {
    expect(debianBase("FROM python:3.12-slim-bookworm\n")).toEqual([
      'stage 0 is built on python:3.12-slim-bookworm (debian): run "alpinize migrate" or list the image in images.ignore',
    ]);
  });

  it("repeats migrate's reason for an image it leaves with no known replacement", () => {
    const hint = debianBaseHint("ghcr.io/acme/tool:1.2-bookworm");
    expect(hint).toMatch(/^alpinize migrate leaves this image: .*acme\/tool.*; move the stage/);
  });

  it("agrees with migrate on every image: the hint says migrate iff migrate changes the FROM", () => {
    const images = [
      "openjdk:17-jdk-slim",
      "openjdk:11-jre-slim-bullseye",
      "maven:3.9-sapmachine-21",
      "maven:3.8.6-openjdk-11-slim",
      "gradle:8.5-jdk17-focal",
      "gradle:8.5-jdk17-graal-jammy",
      "eclipse-temurin:21-jre-jammy",
      "node:22-bookworm-slim",
      "debian:bookworm-slim",
      "ubuntu:24.04",
      "ghcr.io/acme/tool:bookworm",
    ];
    for (const image of images) {
      const moved = migrateDockerfile(`FROM ${image}\n`).images.length > 0;
      expect({ image, migrate: debianBaseHint(image).startsWith("run ") }).toEqual({
        image,
        migrate: moved,
      });
    }
  });
});

describe("debian-base for a Debian distroless image", () => {
  it("a distroless runtime on Debian is a Debian base, with migrate's Alpine choice", () => {
    const text =
      "FROM node:20.16-alpine3.19 AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs20-debian12\nCOPY --from=build /app /app\n";
    const [message, ...more] = debianBase(text);
    expect(more).toEqual([]);
    expect(message).toMatch(
      /^stage 1 is built on gcr\.io\/distroless\/nodejs20-debian12 \(debian\): alpinize migrate leaves this image: .*base this stage on node:20-alpine/,
    );
    expect(debianBase("FROM gcr.io/distroless/base:nonroot\n")).toHaveLength(1);
  });

  it("static has no C library: no finding", () => {
    expect(debianBase("FROM gcr.io/distroless/static-debian12:nonroot\n")).toEqual([]);
    expect(debianBase("FROM gcr.io/distroless/static\n")).toEqual([]);
  });
});

describe("replacementFor", () => {
  it("reads the JDK major from maven and gradle tags", () => {
    expect(replacementFor("maven:3.9.6-amazoncorretto-17-debian")?.use).toBe(
      "a maven:3.9.6-eclipse-temurin-17-alpine tag",
    );
    expect(replacementFor("gradle:8.5-jdk21-graal-jammy")?.use).toBe(
      "a gradle:8.5-jdk21-alpine tag",
    );
    expect(replacementFor("openjdk:slim")?.use).toBe("eclipse-temurin:<version>-jdk-alpine");
    expect(replacementFor("maven:3.9-eclipse-temurin-21")).toBeUndefined();
    expect(replacementFor("registry.example/openjdk:11")).toBeUndefined();
  });
});
