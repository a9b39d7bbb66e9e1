import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

/** The output's lines, numbered from 1 like the file. */
const lines = (text: string) => text.split(/\r?\n/);
const lineOf = (text: string, re: RegExp) => lines(text).findIndex((l) => re.test(l)) + 1;

const DOCKER_REPO = [
  "RUN apt-get update && apt-get install -y ca-certificates curl gnupg \\",
  "    && install -m 0755 -d /etc/apt/keyrings \\",
  "    && curl -fsSL https://download.docker.com/linux/debian/gpg -o /etc/apt/keyrings/docker.asc \\",
  '    && echo "deb [signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable" > /etc/apt/sources.list.d/docker.list \\',
  "    && apt-get update && apt-get install -y docker-ce-cli",
];
const GREP_P = "RUN curl -s https://example.com/v | grep -oP 'v\\K[0-9.]+' > /v";

describe("a package alpinize adds goes to an apk add that runs before the use and lasts", () => {
  it("never into a RUN flagged as third-party apt repository setup (it fails on Alpine)", () => {
    const r = migrate(["FROM debian:bookworm-slim", ...DOCKER_REPO, GREP_P, ""].join("\n"));
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache grep\nRUN apk add/);
    expect(r.output).toContain("&& apk add --no-cache docker-cli\n");
    expect(r.warnings.some((w) => w.rule === "apt-repos")).toBe(true);
  });

  it("nor into a vendor setup script's RUN; an earlier lasting apk add is used instead", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN apt-get update && apt-get install -y jq",
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs",
        GREP_P,
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN apk add --no-cache jq grep\n");
    expect(r.output).toContain("| bash - && apk add --no-cache nodejs\n");
  });

  it("prefers the earliest lasting apk add before the use", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN apt-get install -y curl",
        "RUN apt-get install -y jq",
        GREP_P,
        "RUN apt-get install -y git",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN apk add --no-cache curl grep\nRUN apk add --no-cache jq\n");
    expect(r.output).toContain("RUN apk add --no-cache git\n");
  });

  it("inserts a new RUN when the only apk add comes after the use", () => {
    const r = migrate(
      ["FROM debian:12", "RUN readlink -e /x", "RUN apt-get install -y curl", ""].join("\n"),
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache coreutils\nRUN readlink -e /x\nRUN apk add --no-cache curl\n",
    );
  });

  it("not into a virtual group deleted before the use, nor an apk add after the use", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN apt-get install -y gcc && make && apt-get purge -y gcc && readlink -e /x && apt-get install -y git",
        "",
      ].join("\n"),
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache coreutils\nRUN apk add/);
    expect(r.output).toContain("--virtual .build-deps gcc");
    expect(r.output).toContain("apk add --no-cache git\n");
  });

  it("a later RUN's use is not served by an earlier RUN's virtual group", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN apt-get install -y gcc && make && apt-get purge -y gcc",
        "RUN readlink -e /x",
        "",
      ].join("\n"),
    );
    expect(lineOf(r.output, /apk add --no-cache coreutils/)).toBe(2);
  });

  it("bash, too, stays out of a RUN flagged for deletion", () => {
    const r = migrate(
      ["FROM debian:bookworm-slim", ...DOCKER_REPO, "RUN bash -c 'echo hi'", ""].join("\n"),
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache bash\nRUN apk add/);
    expect(r.output).toContain("&& apk add --no-cache docker-cli\n");
  });

  it("a tool the file installs only after the use is added before it as well", () => {
    const r = migrate(
      ["FROM debian:12", "RUN readlink -e /x", "RUN apt-get install -y coreutils", ""].join("\n"),
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache coreutils\nRUN readlink -e /x\nRUN apk add --no-cache coreutils\n",
    );
  });

  it("a run-time need (a COPYed entrypoint) skips the failing RUN's apk add as well", () => {
    const r = migrate(
      ["FROM debian:bookworm-slim", ...DOCKER_REPO, "COPY entrypoint.sh /e.sh", ""].join("\n"),
      {
        readContextFile: (p) =>
          p === "entrypoint.sh"
            ? "#!/bin/sh\ncsplit -s -z -f x cert.pem '/BEGIN/' '{*}'\n"
            : undefined,
      },
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache coreutils\nRUN apk add/);
  });

  it("GNU tar for a RUN after the only lasting apk add goes to that one, not a later one", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN apt-get install -y curl",
        "RUN tar -xzf go.tgz -C /usr/local && touch -r /usr/local/go /stamp",
        "RUN apt-get install -y git",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN apk add --no-cache curl tar\nRUN tar");
    expect(r.output).toContain("RUN apk add --no-cache git\n");
  });

  it("still uses a RUN whose rm of apt's lists went (removing them sets nothing up)", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN apt-get update && apt-get install -y curl && rm -rf /etc/apt/sources.list.d/*",
        "RUN readlink -e /x",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN apk add --no-cache curl coreutils\nRUN readlink");
  });
});
