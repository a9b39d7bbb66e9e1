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
