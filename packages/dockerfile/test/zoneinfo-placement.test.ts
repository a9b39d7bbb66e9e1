import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("tzdata is installed before the first RUN that reads /usr/share/zoneinfo", () => {
  it("adds it in front of the reading RUN, not to a later apk add", () => {
    const r = migrate(
      [
        "FROM debian:bookworm-slim",
        "ENV TZ=Europe/Paris",
        "RUN cp /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone",
        "RUN apt-get update && apt-get install -y curl",
        "",
      ].join("\n"),
    );
    expect(r.output).toBe(
      [
        "FROM alpine:3.23",
        "RUN apk add --no-cache tzdata",
        "ENV TZ=Europe/Paris",
        "RUN cp /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone",
        "RUN apk add --no-cache curl",
        "",
      ].join("\n"),
    );
    expect(r.warnings.find((w) => /tzdata/.test(w.message))?.line).toBe(3);
  });

  it("uses an apk add of the same RUN before the read, or of an earlier RUN", () => {
    const same = migrate(
      "FROM debian:12\nRUN apt-get install -y curl && ln -sf /usr/share/zoneinfo/UTC /etc/localtime && apt-get install -y git\n",
    );
    expect(same.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache curl tzdata && ln -sf /usr/share/zoneinfo/UTC /etc/localtime && apk add --no-cache git\n",
    );
    const earlier = migrate(
      "FROM debian:12\nRUN apt-get install -y curl\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\nRUN apt-get install -y git\n",
    );
    expect(earlier.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache curl tzdata\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\nRUN apk add --no-cache git\n",
    );
  });

  it("adds it again when the file installs tzdata only after the read", () => {
    const r = migrate(
      "FROM debian:12\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\nRUN apt-get install -y tzdata\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache tzdata\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\nRUN apk add --no-cache tzdata\n",
    );
  });

  it("keeps CRLF line ends and stays put on a second run", () => {
    const r = migrate(
      "FROM debian:12\r\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\r\nRUN apt-get install -y curl\r\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\r\nRUN apk add --no-cache tzdata\r\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\r\nRUN apk add --no-cache curl\r\n",
    );
  });

  it("a parent stage that reads the zone files gets its own tzdata, whatever its child installs", () => {
    const r = migrate(
      [
        "FROM debian:12 AS base",
        "RUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime",
        "FROM base",
        "RUN apt-get install -y tzdata curl",
        "",
      ].join("\n"),
    );
    expect(r.output).toBe(
      [
        "FROM alpine:3.23 AS base",
        "RUN apk add --no-cache tzdata",
        "RUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime",
        "FROM base",
        "RUN apk add --no-cache tzdata curl",
        "",
      ].join("\n"),
    );
  });

  it("a child stage reading the zone files relies on its parent's lasting tzdata only", () => {
    const kept = migrate(
      "FROM debian:12 AS base\nRUN apt-get install -y tzdata\nFROM base\nRUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime\n",
    );
    expect(kept.output.match(/tzdata/g)).toHaveLength(1);
    const purged = migrate(
      [
        "FROM debian:12 AS base",
        "RUN apt-get install -y tzdata make && make && apt-get purge -y tzdata make",
        "FROM base",
        "RUN ln -sf /usr/share/zoneinfo/UTC /etc/localtime",
        "",
      ].join("\n"),
    );
    expect(purged.output).toContain(
      "FROM base\nRUN apk add --no-cache tzdata\nRUN ln -sf /usr/share/zoneinfo/UTC",
    );
  });

  it("sees tzdata in a list variable of the stage installed before the read", () => {
    const r = migrate(
      'FROM debian:12\nENV PKGS="tzdata curl"\nRUN apt-get install -y $PKGS && ln -sf /usr/share/zoneinfo/UTC /etc/localtime\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nENV PKGS="tzdata curl"\nRUN apk add --no-cache $PKGS && ln -sf /usr/share/zoneinfo/UTC /etc/localtime\n',
    );
  });
});
