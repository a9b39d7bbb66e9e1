import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: the login shell a useradd call without -s gets", () => {
  // Debian's and Ubuntu's /etc/default/useradd set SHELL=/bin/sh, for -r users too; busybox
  // adduser -S gives /sbin/nologin, so `su svc -c …` stopped working.
  it("writes -s /bin/sh for useradd -r, as Debian's useradd gives it", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -r svc && useradd --system -g svc -M worker\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -S svc && adduser -S -D -G svc -s /bin/sh -H svc && adduser -S -D -G svc -s /bin/sh -H worker\n",
    );
  });

  it("keeps a shell the call names, and leaves a plain useradd to busybox's /bin/sh", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -r -s /usr/sbin/nologin svc && useradd -m dev\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -S svc && adduser -S -D -G svc -s /sbin/nologin -H svc && adduser -D dev\n",
    );
  });

  it("writes -s /bin/sh for a plain useradd when the build sets $SHELL, which busybox would take", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS base",
        "ENV LANG=C.UTF-8 SHELL=/bin/bash",
        "FROM base",
        "RUN useradd -m dev",
        "FROM debian:bookworm",
        "RUN useradd -m other",
        "ARG SHELL",
        "RUN useradd -m late",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN adduser -D -s /bin/sh dev\n");
    expect(r.output).toContain("RUN adduser -D other\n");
    expect(r.output).toContain("RUN adduser -D -s /bin/sh late\n");
  });

  it("gives Debian's adduser --system Debian's /usr/sbin/nologin, spelled as Alpine has it", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --system svc && adduser --system --quiet --group svc2\n",
    );
    expect(r.output).toContain(
      "RUN adduser -S -D -h /nonexistent -s /sbin/nologin -H svc && addgroup -S svc2 && adduser -S -D -G svc2 -h /nonexistent -s /sbin/nologin -H svc2\n",
    );
  });
});
