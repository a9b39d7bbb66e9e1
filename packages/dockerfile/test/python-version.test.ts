import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const INSTALL = "RUN apt-get update && apt-get install -y python3 python3-pip\n";
const PINNED = "RUN pip3 install --break-system-packages numpy==1.26.4\n";

const jumps = (text: string, release = "3.23") =>
  migrate(text, { release })
    .warnings.filter((w) => /python3 is 3\.\d+ on/.test(w.message))
    .map((w) => ({ line: w.line, message: w.message }));

describe("python3 from apt changes minor version on Alpine", () => {
  it("names both versions once per stage: Ubuntu 22.04's 3.10 against Alpine 3.23's 3.12", () => {
    expect(jumps(`FROM ubuntu:22.04\n${INSTALL}${PINNED}`)).toEqual([
      {
        line: 2,
        message:
          "python3 is 3.10 on Ubuntu 22.04 (jammy) and 3.12 on Alpine 3.23: pinned packages (pip install x==1.2.3) and wheels built for 3.10 may have no build for 3.12 or behave differently; check the pins, or use python:3.10-alpine to keep 3.10",
      },
    ]);
  });

  it("reads Debian releases by number or codename, and the target release's python3", () => {
    expect(jumps(`FROM debian:bookworm-slim\n${INSTALL}${PINNED}`)[0]?.message).toMatch(
      /^python3 is 3\.11 on Debian 12 \(bookworm\) and 3\.12 on Alpine 3\.23/,
    );
    expect(jumps(`FROM debian:13\n${INSTALL}${PINNED}`, "3.24")[0]?.message).toMatch(
      /^python3 is 3\.13 on Debian 13 \(trixie\) and 3\.14 on Alpine 3\.24/,
    );
    // Through a FROM chain, a global ARG and a codename in an official image's tag.
    expect(
      jumps(`ARG BASE=buildpack-deps:bookworm\nFROM \${BASE} AS b\nFROM b\n${INSTALL}${PINNED}`),
    ).toHaveLength(1);
    expect(jumps(`FROM node:20-bookworm-slim\n${INSTALL}${PINNED}`)).toHaveLength(1);
  });

  it("says nothing when the minor is the same, the release unknown, or python comes from elsewhere", () => {
    // Ubuntu 24.04's python3 is 3.12, as Alpine 3.23's.
    expect(jumps(`FROM ubuntu:24.04\n${INSTALL}${PINNED}`)).toEqual([]);
    expect(jumps(`FROM ubuntu:24.04\n${INSTALL}${PINNED}`, "3.24")).toHaveLength(1);
    // No release in the tag: which one it is depends on when it is pulled.
    expect(jumps(`FROM debian\n${INSTALL}${PINNED}`)).toEqual([]);
    expect(jumps(`FROM node:20\n${INSTALL}${PINNED}`)).toEqual([]);
    // The python images keep their own version in the -alpine tag.
    expect(jumps(`FROM python:3.11-slim-bookworm\n${INSTALL}${PINNED}`)).toEqual([]);
    // No python3 installed; a stage built FROM one that installed it is not warned again.
    expect(jumps("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n")).toEqual([]);
    // python3 only for build scripts (node-gyp): no package installs, no pins.
    expect(
      jumps(
        "FROM node:22-bookworm\nRUN apt-get update && apt-get install -y python3 g++ make && npm ci\n",
      ),
    ).toEqual([]);
    expect(
      jumps(
        "FROM debian:12\nRUN apt-get update && apt-get install -y python3-venv && python3 -m pip install x\n",
      ),
    ).toHaveLength(1);
    expect(jumps(`FROM debian:12 AS a\n${INSTALL}${PINNED}FROM a\n${PINNED}`)).toHaveLength(1);
  });

  it("leaves a versioned python3.11 to its own version-change warning", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y python3.11 python3-pip\n",
    );
    expect(r.warnings.filter((w) => /python3 is 3\.\d+ on/.test(w.message))).toEqual([]);
    expect(r.warnings.some((w) => /python3\.11/.test(w.message))).toBe(true);
  });
});
