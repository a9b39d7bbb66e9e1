import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../migrate/migrate.js";

const PASSWORD = "s3cr3t-Pa55";
const migrate = (text: string) => migrateDockerfile(text, { release: "3.24" });

describe("FROM with credentials (user:password@registry)", () => {
  it("warns at the FROM with the credentials masked and reads the image after the @", () => {
    const text = `FROM bob:${PASSWORD}@registry.example:5000/debian:12\nRUN apt-get update && apt-get install -y curl\n`;
    const r = migrate(text);
    expect(r.warnings).toMatchObject([
      {
        rule: "from",
        line: 1,
        message: expect.stringMatching(
          /^this FROM carries credentials \(\*\*\*@registry\.example:5000\/debian:12\), which Docker refuses; remove them and log in with docker login registry\.example:5000; then: registry\.example:5000\/debian is not known to be the official debian image .* change the FROM to registry\.example:5000\/alpine:3\.24 /,
        ),
      },
    ]);
    expect(r.warnings[0]!.message).not.toMatch(/\bbob\b/);
    expect(JSON.stringify(r.warnings)).not.toContain(PASSWORD);
  });

  it("leaves a Debian stage as written, naming the Alpine image it gets once they are gone", () => {
    const text = `FROM alice:${PASSWORD}@docker.io/library/debian:12\nRUN apt-get update && apt-get install -y curl\n`;
    const r = migrate(text);
    expect(r.changed).toBe(false);
    expect(r.edits).toEqual([]);
    expect(r.images).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "this FROM carries credentials (***@docker.io/library/debian:12), which Docker refuses; remove them and log in with docker login; the stage is left as is until then: run alpinize migrate again, which moves docker.io/library/debian:12 to docker.io/library/alpine:3.24",
    ]);
    // Everything --json prints but the file's own text.
    const { output: _output, ...printed } = r;
    expect(JSON.stringify(printed)).not.toContain(PASSWORD);
  });

  it("reads credentials from a global ARG default the FROM uses", () => {
    const text = `ARG BASE=bob:${PASSWORD}@registry.example:5000/node:22-alpine\nFROM \${BASE}\nRUN apk add --no-cache curl\n`;
    const r = migrate(text);
    expect(r.edits).toEqual([]);
    expect(r.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      "1: this FROM carries credentials (***@registry.example:5000/node:22-alpine), which Docker refuses; remove them and log in with docker login registry.example:5000",
    ]);
  });

  it.each([
    // Docker Hub implied: no registry host after the "@".
    ["alice:SECRETPW77@debian:bookworm", "debian:bookworm"],
    // A password holding "@", "/" and ":": the image is what follows the last "@".
    ["alice:Zq9@x/y:SECRETPW77@debian:bookworm", "debian:bookworm"],
  ])("warns at %s and prints no piece of the password", (reference, image) => {
    const r = migrate(
      `ARG TAG=12\nFROM ${reference}\nRUN apt-get update && apt-get install -y curl\n`,
    );
    expect(r.changed).toBe(false);
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([["from", 2]]);
    const said = `this FROM carries credentials (***@${image}), which Docker refuses; remove them and log in with docker login;`;
    expect(r.warnings[0]!.message.slice(0, said.length)).toBe(said);
    const { output: _output, ...printed } = r;
    for (const fragment of ["SECRETPW77", "Zq9", "alice", "x/y"]) {
      expect(JSON.stringify(printed)).not.toContain(fragment);
    }
  });

  it("reads name:tag@word as a mistyped digest, not as credentials", () => {
    const r = migrate("FROM debian:12@latest\n");
    expect(r.warnings.map((w) => w.message).join("\n")).not.toContain("credentials");
  });

  it("never quotes the password when the tag comes from a variable", () => {
    for (const from of [
      `alice:${PASSWORD}@library/debian:\${TAG}`,
      `bob:${PASSWORD}@registry.example:5000/debian:\${TAG}`,
    ]) {
      const r = migrate(
        `ARG TAG=12\nFROM ${from}\nRUN apt-get update && apt-get install -y curl\n`,
      );
      expect(r.warnings.map((w) => w.message).join("\n")).toMatch(/this FROM carries credentials/);
      const { output: _output, ...printed } = r;
      expect(JSON.stringify(printed)).not.toContain(PASSWORD);
      expect(r.changed).toBe(false);
    }
  });
});
