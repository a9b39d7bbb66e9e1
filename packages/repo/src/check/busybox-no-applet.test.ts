import { describe, expect, it } from "vitest";
import { validateConfig } from "../config/validate.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/** `line:severity:tool` of each busybox-no-applet finding. */
function found(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "busybox-no-applet")
    .map((f) => `${f.line}:${f.severity}:${f.message.split(" ")[0]}`);
}

const ALPINE = `FROM alpine:3.23@${DIGEST}\n`;

describe("busybox-no-applet: a RUN calls a command busybox has no applet for", () => {
  it("is an error on plain alpine, with the package to add and where Debian has it", () => {
    const text = `${ALPINE}RUN apk add --no-cache curl\nRUN join a b && perl -e 1 && tput cols\n`;
    expect(found(text)).toEqual(["3:error:join", "3:error:perl", "3:error:tput"]);
    const [perl] = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
      (f) => f.message.startsWith("perl "),
    );
    expect(perl?.message).toBe(
      "perl in Alpine stage 0: busybox has no perl applet and no package installed by here provides it, so the build fails here; add perl to an apk add --no-cache before it, or drop the call (every Debian image has it, from perl-base)",
    );
  });

  it("judges each call by what apk has installed when it runs", () => {
    expect(
      found(`${ALPINE}RUN apk add --no-cache perl ncurses && perl -e 1 && tput cols\n`),
    ).toEqual([]);
    expect(found(`${ALPINE}RUN perl -e 1\nRUN apk add --no-cache perl\n`)).toEqual([
      "2:error:perl",
    ]);
    expect(
      found(
        `${ALPINE}RUN apk add --no-cache -t .tmp perl && perl -e 1 && apk del .tmp && perl -e 2\n`,
      ),
    ).toEqual(["2:error:perl"]);
    // A perl module depends on perl; util-linux pulls in lsblk, findmnt and its -misc tools.
    expect(found(`${ALPINE}RUN apk add --no-cache perl-json && perl -MJSON -e 1\n`)).toEqual([]);
    expect(found(`${ALPINE}RUN apk add --no-cache util-linux && lsblk && taskset -p 1\n`)).toEqual(
      [],
    );
    expect(
      found(`${ALPINE}RUN apk add --no-cache util-linux-misc && lsblk && taskset -p 1\n`),
    ).toEqual(["2:error:lsblk"]);
  });

  it("counts what a stage it is built FROM installed", () => {
    const text = `${ALPINE.trim()} AS base\nRUN apk add --no-cache perl\nFROM base\nRUN perl -e 1 && chrt -p 1\n`;
    expect(found(text)).toEqual(["4:error:chrt"]);
  });

  it("is a warning for a guarded call, saying it is guarded", () => {
    const text = `${ALPINE}RUN tput cols || true\nRUN if command -v tput; then tput cols; fi\n`;
    expect(found(text)).toEqual(["2:warning:tput", "3:warning:tput"]);
    const [first] = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings);
    expect(first?.message).toContain("but the call is guarded");
  });

  it("is an error on official language images, a warning on images whose contents are not known", () => {
    expect(found(`FROM node:22-alpine\nRUN lsblk\n`)).toEqual(["2:error:lsblk"]);
    expect(found(`FROM python:\${PY}-alpine\nRUN perl -e 1\n`)).toEqual(["2:error:perl"]);
    expect(found(`FROM ghcr.io/acme/tool:1-alpine\nRUN perl -e 1\n`)).toEqual(["2:warning:perl"]);
    expect(found(`FROM redis:7-alpine\nRUN join a b\n`)).toEqual(["2:warning:join"]);
    const [unknown] = checkStages(
      "Dockerfile",
      describeStages(`FROM ghcr.io/acme/tool:1-alpine\nRUN perl -e 1\n`, "Dockerfile"),
      settings,
    ).filter((f) => f.rule === "busybox-no-applet");
    expect(unknown?.message).toContain("(unless its base image ships it)");
  });

  it("knows what official images ship: Temurin's coreutils, nginx's -perl tags' perl", () => {
    expect(found(`FROM eclipse-temurin:21-alpine\nRUN join a b && tput cols\n`)).toEqual([
      "2:warning:tput",
    ]);
    expect(found(`FROM nginx:1.27-alpine-perl\nRUN perl -e 1\n`)).toEqual([]);
    expect(found(`FROM nginx:1.27-alpine\nRUN perl -e 1\n`)).toEqual(["2:warning:perl"]);
  });

  it("leaves programs the build put elsewhere, lookups, Debian stages and busybox's own applets alone", () => {
    expect(found(`${ALPINE}RUN /usr/local/bin/perl -e 1 && /opt/bin/lsblk\n`)).toEqual([]);
    expect(found(`${ALPINE}RUN /usr/bin/perl -e 1\n`)).toEqual(["2:error:perl"]);
    expect(
      found(`${ALPINE}RUN command -v perl && which tput; clear; reset; rename a b c\n`),
    ).toEqual([]);
    expect(found(`FROM debian:12\nRUN perl -e 1\n`)).toEqual([]);
  });

  it("finds calls inside sh -c, $( ), behind sudo and in ONBUILD", () => {
    const text = `${ALPINE}RUN sh -c 'perl -e 1' && X=$(tput cols) && sudo whereis ls\nONBUILD RUN findmnt /\n`;
    expect(found(text)).toEqual([
      "2:error:perl",
      "2:error:tput",
      "2:error:whereis",
      "3:error:findmnt",
    ]);
  });

  it("is a rule id check.skip accepts", () => {
    expect(() =>
      validateConfig({ check: { skip: ["busybox-no-applet"] } }, "alpinize.config.json"),
    ).not.toThrow();
  });
});
