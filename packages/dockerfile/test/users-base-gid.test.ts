import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const users = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users").map((w) => w.message);

const runs = (r: ReturnType<typeof migrate>) =>
  r.output.split("\n").filter((l) => l.startsWith("RUN "));

describe("users: a GID Alpine's base group holds and Debian's base leaves free", () => {
  it("removes the holder before the addgroup, for -g N and for useradd's own group", () => {
    const r = migrate(
      [
        "FROM debian:bookworm-slim",
        "RUN groupadd -r -g 999 worker && useradd -r -g worker -u 999 worker",
        "RUN groupadd -g 11 floppyish",
        "",
      ].join("\n"),
    );
    expect(runs(r)).toEqual([
      "RUN delgroup ping && addgroup -S -g 999 worker && adduser -S -D -u 999 -G worker -s /bin/sh -H worker",
      "RUN delgroup floppy && addgroup -g 11 floppyish",
    ]);
    expect(users(r)).toEqual([
      "Alpine's base group ping holds GID 999 (Debian's base has no group there); removed it so worker keeps GID 999 as on Debian",
      "Alpine's base group floppy holds GID 11 (Debian's base has no group there); removed it so floppyish keeps GID 11 as on Debian",
    ]);
  });

  it("gives useradd -u N's own group GID N explicitly, as Debian's useradd does", () => {
    const system = migrate("FROM debian:bookworm\nRUN useradd -u 999 -r redis\n");
    expect(runs(system)).toEqual([
      "RUN delgroup ping && addgroup -S -g 999 redis && adduser -S -D -u 999 -G redis -s /bin/sh -H redis",
    ]);
    expect(users(system)).toEqual([
      "Alpine's base group ping holds GID 999 (Debian's base has no group there); removed it so redis's own group gets GID 999, its UID, as on Debian",
    ]);
    const login = migrate("FROM debian:bookworm\nRUN useradd -u 999 -m app\n");
    expect(runs(login)).toEqual([
      "RUN delgroup ping && addgroup -g 999 app && adduser -D -u 999 -G app app",
    ]);
  });

  it("keeps groupadd -f's look-up around both steps", () => {
    const r = migrate("FROM debian:bookworm\nRUN groupadd -f -g 999 docker\n");
    expect(runs(r)).toEqual([
      "RUN { grep -q '^docker:' /etc/group || { delgroup ping && addgroup -g 999 docker; }; }",
    ]);
  });

  it("removes nothing again in the converted file, and warns nothing there", () => {
    const first = migrate("FROM debian:bookworm\nRUN groupadd -g 999 worker\n");
    const again = migrate(first.output);
    expect(again.output).toBe(first.output);
    expect(users(again)).toEqual([]);
  });

  it("does not count the group taken later, once removed, as Alpine's", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -g 999 worker\nRUN useradd -u 999 -g 999 bob\n",
    );
    expect(runs(r)[1]).toBe("RUN adduser -D -u 999 -G worker -H bob");
    expect(users(r)).toHaveLength(1);
  });

  it("leaves a group the stage or a stage built FROM it names, with the holder and a free GID", () => {
    const uses = [
      "USER app:ping",
      "COPY --chown=app:ping a /a",
      "RUN chown -R app:ping /srv",
      "RUN chgrp ping /srv",
      "RUN usermod -aG ping,audio app",
      "RUN adduser app ping",
    ];
    for (const use of uses) {
      const r = migrate(
        `FROM debian:bookworm AS base\nRUN groupadd -g 999 docker\nFROM base\n${use}\n`,
      );
      expect(runs(r)[0]).toBe("RUN addgroup -g 999 docker");
      expect(users(r)[0]).toMatch(
        /^GID 999 belongs to Alpine's base group ping, and busybox addgroup -g 999 stops there \(gid '999' in use\); ping stays, as this file uses group ping \(.+\): pick a free GID, such as 998$/,
      );
    }
  });

  it("removes a group that only an unrelated stage names, or that is run as a command", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS other",
        "RUN chgrp ping /srv",
        "FROM debian:bookworm",
        "RUN groupadd -g 999 docker && ping -c 1 localhost",
        "",
      ].join("\n"),
    );
    expect(runs(r)[1]).toBe("RUN delgroup ping && addgroup -g 999 docker && ping -c 1 localhost");
  });

  it("leaves a base user's primary group, and a GID Debian's base has too", () => {
    const cron = migrate("FROM debian:bookworm\nRUN groupadd -g 16 jobs\n");
    expect(runs(cron)).toEqual(["RUN addgroup -g 16 jobs"]);
    expect(users(cron)).toEqual([
      "GID 16 belongs to Alpine's base group cron, and busybox addgroup -g 16 stops there (gid '16' in use); cron stays, as it is the primary group of Alpine's base user cron: pick a free GID, such as 998",
    ]);
    const shadow = migrate("FROM debian:bookworm\nRUN groupadd -g 42 secrets\n");
    expect(users(shadow)).toEqual([
      "GID 42 belongs to Alpine's base group shadow, and busybox addgroup -g 42 stops there (gid '42' in use); shadow stays, as the Debian image has GID 42 too (group shadow), so this fails on Debian as well: pick a free GID, such as 998",
    ]);
  });

  it("leaves the holder when the file uses its GID before, and suggests a GID it names nowhere", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -g 999 bob && chown 998 /srv\nRUN groupadd -g 999 worker\n",
    );
    expect(runs(r)[1]).toBe("RUN addgroup -g 999 worker");
    expect(users(r)).toContain(
      "GID 999 belongs to Alpine's base group ping, and busybox addgroup -g 999 stops there (gid '999' in use); ping stays, as this file uses GID 999 before, while it is still ping's (useradd -g 999): pick a free GID, such as 997",
    );
  });

  it("tells a useradd -r whose own group cannot get GID = UID why", () => {
    const r = migrate("FROM debian:bookworm\nRUN useradd -r -u 999 redis && chgrp ping /x\n");
    expect(runs(r)[0]).toMatch(/^RUN addgroup -S redis && /);
    expect(users(r)).toEqual([
      "useradd -r -u 999: Debian's useradd gives redis's own group GID 999, which Alpine's base group ping has and keeps (this file uses group ping (chgrp ping /x)): busybox addgroup -S gives redis another GID",
    ]);
  });

  it("names the holder in a file that was on Alpine already, without removing it", () => {
    const r = migrate("FROM alpine:3.23\nRUN addgroup -g 999 x\n");
    expect(r.output).toBe("FROM alpine:3.23\nRUN addgroup -g 999 x\n");
    expect(users(r)).toEqual([
      "GID 999 belongs to Alpine's base group ping, and busybox addgroup -g 999 stops there (gid '999' in use): pick a free GID, such as 998",
    ]);
  });

  it("names Alpine's base user on a taken UID", () => {
    const r = migrate("FROM debian:bookworm\nRUN useradd -u 22 -g users bob\n");
    expect(users(r)).toEqual([
      "UID 22 belongs to Alpine's base user sshd: busybox adduser -u 22 stops there (uid '22' in use); pick a free UID, such as 999",
    ]);
  });
});
