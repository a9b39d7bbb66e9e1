import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const clashWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users" && /in use/.test(w.message));

describe("users: Debian's adduser --uid N where a group already has GID N", () => {
  // Debian's adduser gives the user's own group GID N (999 is free on Debian); busybox adduser
  // without -G wants the same and stops with "uid '999' in use", because Alpine's ping has 999:
  // ping goes first (nothing here uses it), as for groupadd -g 999.
  it("frees GID 999 for the user's group in a call busybox would otherwise take as written", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --disabled-password --gecos '' --uid 999 app\n",
    );
    expect(r.output).toContain(
      "RUN delgroup ping && addgroup -g 999 app && adduser -D -u 999 -G app -g '' app\n",
    );
    expect(clashWarnings(r)).toEqual([]);
  });

  it("makes the user's group first when ping must stay", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN chgrp ping /x && adduser --disabled-password --uid 999 app\n",
    );
    expect(r.output).toContain("&& addgroup app && adduser -D -u 999 -G app app\n");
    expect(clashWarnings(r).map((w) => w.message)).toEqual([
      "adduser --uid 999: GID 999 belongs to group ping on Alpine, and busybox adduser would give app's own group GID 999 and stop (uid '999' in use): the group is made first (addgroup app) and gets the next free GID",
    ]);
  });

  it("makes the user's group first in a converted call, and after a group of this stage", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN adduser --uid 300 --shell /usr/sbin/nologin --disabled-login svc",
        "RUN groupadd -g 1200 data && adduser --quiet --uid=1200 --disabled-password bob",
        "RUN usermod -aG bob svc",
        "",
      ].join("\n"),
    );
    // Alpine's abuild (300) goes, as Debian's base has no group there.
    expect(r.output).toContain(
      "RUN delgroup abuild && addgroup -g 300 svc && adduser -D -u 300 -G svc -s /sbin/nologin svc\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -g 1200 data && addgroup bob && adduser -D -u 1200 -G bob bob\n",
    );
    expect(clashWarnings(r)).toHaveLength(1);
    // The group made first counts as made: usermod -aG bob finds it.
    expect(r.warnings.filter((w) => /not in Alpine's base image/.test(w.message))).toEqual([]);
  });

  it("makes no group first for a system user, a user given a group, or a free GID", () => {
    const lines = [
      "RUN adduser --system --uid 999 svc",
      "RUN adduser --system --group --uid 998 daemon2",
      "RUN adduser --disabled-password --ingroup users --uid 999 a",
      "RUN adduser --disabled-password --gecos '' --uid 1001 b",
    ];
    const r = migrate(["FROM debian:bookworm", ...lines, ""].join("\n"));
    // Converted only for Debian's system-user home and shell (see adduser-system-defaults).
    expect(r.output).toContain(
      "RUN adduser -S -D -u 999 -h /nonexistent -s /sbin/nologin -H svc\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -S -g 998 daemon2 && adduser -S -D -u 998 -G daemon2 -h /nonexistent -s /sbin/nologin -H daemon2\n",
    );
    expect(r.output).toContain(`${lines[2]}\n`);
    expect(r.output).toContain(`${lines[3]}\n`);
    expect(clashWarnings(r)).toEqual([]);
  });
});
