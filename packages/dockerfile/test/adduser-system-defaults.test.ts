import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const runs = (r: ReturnType<typeof migrate>) =>
  r.output.split("\n").filter((l) => l.startsWith("RUN "));

// What busybox adduser needs to give a system user Debian's adduser (3.134) account.
const DEBIAN_SYSTEM = "-h /nonexistent -s /sbin/nologin -H";

describe("users: Debian's adduser --system --group where the group exists already", () => {
  it("joins a group addgroup made earlier in the same RUN, with no second addgroup", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN addgroup --system --gid 101 nginx && adduser --system --uid 101 --group nginx\n",
    );
    expect(runs(r)).toEqual([
      `RUN addgroup -S -g 101 nginx && adduser -S -D -u 101 -G nginx ${DEBIAN_SYSTEM} nginx`,
    ]);
  });

  it("joins a group an earlier RUN made, with groupadd too", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN groupadd -r -g 101 nginx",
        "RUN adduser --system --uid 101 --group nginx",
        "",
      ].join("\n"),
    );
    expect(runs(r)).toEqual([
      "RUN addgroup -S -g 101 nginx",
      `RUN adduser -S -D -u 101 -G nginx ${DEBIAN_SYSTEM} nginx`,
    ]);
  });

  it("joins a group a stage it is built FROM made, not one of another stage", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS base",
        "RUN addgroup --system app",
        "FROM base AS child",
        "RUN adduser --system --group app",
        "FROM debian:bookworm AS other",
        "RUN adduser --system --group app",
        "",
      ].join("\n"),
    );
    expect(runs(r)).toEqual([
      "RUN addgroup --system app",
      `RUN adduser -S -D -G app ${DEBIAN_SYSTEM} app`,
      `RUN addgroup -S app && adduser -S -D -G app ${DEBIAN_SYSTEM} app`,
    ]);
  });
});

describe("users: Debian's adduser --system gets Debian's home and shell", () => {
  it.each([
    ["adduser --system svc", `adduser -S -D ${DEBIAN_SYSTEM} svc`],
    ["adduser --system --quiet --uid 120 svc", `adduser -S -D -u 120 ${DEBIAN_SYSTEM} svc`],
    // A home given is made, as Debian's adduser makes it.
    [
      "adduser --system --home /var/lib/svc svc",
      "adduser -S -D -h /var/lib/svc -s /sbin/nologin svc",
    ],
    ["adduser --system --shell /bin/sh svc", "adduser -S -D -h /nonexistent -s /bin/sh -H svc"],
    [
      "adduser --system --no-create-home --home /srv/svc svc",
      "adduser -S -D -h /srv/svc -s /sbin/nologin -H svc",
    ],
    // Debian's adduser never makes a home under /nonexistent.
    ["adduser --disabled-password --home /nonexistent app", "adduser -D -h /nonexistent -H app"],
  ])("%s", (call, converted) => {
    expect(runs(migrate(`FROM debian:bookworm\nRUN ${call}\n`))).toEqual([`RUN ${converted}`]);
  });

  it("keeps a call that gives both, and busybox's own -S", () => {
    const both = "RUN adduser --system --home /var/lib/svc --shell /bin/false svc";
    expect(runs(migrate(`FROM debian:bookworm\n${both}\n`))).toEqual([both]);
    const busybox = "RUN adduser -S -D svc";
    expect(runs(migrate(`FROM alpine:3.23\n${busybox}\n`))).toEqual([busybox]);
  });

  it("changes nothing on a second run", () => {
    const first = migrate(
      "FROM debian:bookworm\nRUN addgroup --system nginx && adduser --system --group nginx\nRUN adduser --system svc\n",
    );
    expect(migrate(first.output).output).toBe(first.output);
  });
});
