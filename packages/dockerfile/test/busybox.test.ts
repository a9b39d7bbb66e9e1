import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const base = "FROM debian:trixie-slim\n";

describe("busybox wget", () => {
  it("drops the wget package when every call uses options busybox wget accepts", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget gnupg && wget -qO- https://x/KEYS | gpg --import && wget -c -T 30 --header 'A: b' -O f "$URL"\n`,
    );
    expect(r.output).toContain("RUN apk add --no-cache gnupg && wget -qO-");
    expect(r.packages.find((p) => p.debian === "wget")).toMatchObject({
      alpine: [],
      kind: "none",
      layer: "migrate-rule",
    });
  });

  it("keeps GNU wget for options busybox lacks, and says which", () => {
    const r = migrate(`${base}RUN apt-get install -y wget && wget --mirror -np https://x/\n`);
    expect(r.output).toContain("apk add --no-cache wget &&");
    expect(r.warnings.map((w) => w.message).join("\n")).toMatch(/--mirror needs GNU wget/);
  });

  it("removes display-only --progress options so busybox wget runs the call", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget && wget --progress dot:giga -O a "$U" && wget -O b "$U" --progress=dot:giga\n`,
    );
    expect(r.output).toBe(`FROM alpine:3.23\nRUN wget -O a "$U" && wget -O b "$U"\n`);
  });

  it("keeps wget installed when the stage never calls it (a runtime tool)", () => {
    expect(migrate(`${base}RUN apt-get install -y wget\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache wget\n",
    );
  });

  it("keeps wget when a call hides its options in a wrapper", () => {
    const r = migrate(`${base}RUN apt-get install -y wget && sh -c 'wget -O a b'\n`);
    expect(r.output).toContain("apk add --no-cache wget");
  });
});

describe("buildpack-deps tools", () => {
  it("adds ca-certificates and the -curl/-scm tools the stage runs after the FROM", () => {
    const r = migrate(
      "FROM buildpack-deps:trixie-scm\nRUN curl -fsSL https://x/a.asc | gpg --import && git clone https://x/r\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache ca-certificates curl gnupg git\nRUN curl -fsSL https://x/a.asc | gpg --import && git clone https://x/r\n",
    );
  });

  it("adds the toolchain the full variant shipped when a stage (or one built FROM it) compiles", () => {
    const text = [
      "FROM buildpack-deps:trixie AS base",
      "RUN apt-get install -y libsctp-dev",
      "FROM base",
      'RUN ./configure --build="$(dpkg-architecture --query DEB_HOST_GNU_TYPE)" && make',
      "",
    ].join("\n");
    expect(migrate(text).output).toContain(
      "FROM alpine:3.23 AS base\nRUN apk add --no-cache ca-certificates gcc g++ make musl-dev linux-headers dpkg-dev dpkg\nRUN apk add --no-cache lksctp-tools-dev\n",
    );
  });

  it("does not add toolchains for the -curl variant, nor GNU wget when busybox wget will do", () => {
    const r = migrate("FROM buildpack-deps:trixie-curl\nRUN wget -O a https://x/a && make\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache ca-certificates\nRUN wget -O a https://x/a && make\n",
    );
    expect(migrate("FROM buildpack-deps:trixie-curl\nRUN wget -r https://x/\n").output).toContain(
      "RUN apk add --no-cache ca-certificates wget\n",
    );
  });
});
