import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const FROM = "FROM debian:bookworm-slim\n";

// Alpine's /etc/group and /etc/passwd have ntp (123), cron (16) and the group ping (999); busybox
// addgroup and adduser stop on a name that is there ("in use").
describe("rule users: accounts Alpine's base image already has", () => {
  it("drops groupadd and useradd of a base account made with no ID, with a note", () => {
    const r = migrate(`${FROM}RUN groupadd -r ntp && useradd -r -g ntp ntp && echo ok\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN echo ok\n");
    expect(r.warnings.map((w) => w.message)).toEqual([
      "group ntp already exists in Alpine's base image (GID 123): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs",
      "user ntp already exists in Alpine's base image (UID 123): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs, home and shell",
    ]);
    expect(migrate(r.output).output).toBe(r.output);
  });

  it("drops one made with Alpine's own ID, keeps the groups the user joins", () => {
    expect(migrate(`${FROM}RUN groupadd -g 16 cron && useradd -G sudo cron\n`).output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S sudo && addgroup cron sudo\n",
    );
  });

  it("leaves groupadd -f (a grep guards it) and an ID Alpine gives another account", () => {
    expect(migrate(`${FROM}RUN groupadd -f cron\n`).output).toBe(
      "FROM alpine:3.23\nRUN { grep -q '^cron:' /etc/group || addgroup cron; }\n",
    );
    expect(migrate(`${FROM}RUN useradd -u 500 ntp\n`).warnings.map((w) => w.message)).toContain(
      "user ntp already exists in Alpine's base image (UID 123; this line asks for UID 500): busybox adduser stops on it (user 'ntp' in use); drop this step and use Alpine's ntp (UID 123: what expects UID 500 must then name ntp or 123), or give the user a name Alpine's base lacks",
    );
  });
});

describe("rule users: a GID probe guarding a group made with a base group's GID", () => {
  it("deletes the base group on a line before the probe, so it answers as on Debian", () => {
    const r = migrate(
      `${FROM}RUN useradd app\nRUN getent group 999 || groupadd -g 999 docker; usermod -aG docker app\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN adduser -D -H app\nRUN delgroup ping\nRUN getent group 999 || addgroup -g 999 docker; addgroup app docker\n",
    );
    expect(migrate(r.output).output).toBe(r.output);
    expect(
      migrate(`${FROM}RUN grep -q ':999:' /etc/group || groupadd -g 999 docker\n`).output,
    ).toBe(
      "FROM alpine:3.23\nRUN delgroup ping\nRUN grep -q ':999:' /etc/group || addgroup -g 999 docker\n",
    );
  });

  it("keeps the step behind a probe by name", () => {
    expect(migrate(`${FROM}RUN getent group docker || groupadd -g 999 docker\n`).output).toBe(
      "FROM alpine:3.23\nRUN getent group docker || { delgroup ping && addgroup -g 999 docker; }\n",
    );
  });
});

describe("rule users: groupmod -n renames a group the steps after it use", () => {
  it("takes the new name as made, with shadow for groupmod itself", () => {
    const r = migrate(
      `${FROM}RUN groupadd app && groupmod -n appgrp app && useradd -G appgrp bob\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN addgroup app && groupmod -n appgrp app && adduser -D -H bob && addgroup bob appgrp\n",
    );
    expect(r.warnings.map((w) => w.message).filter((m) => /appgrp/.test(m))).toEqual([]);
  });
});
