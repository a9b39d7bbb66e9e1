import { describe, expect, it } from "vitest";
import { ALPINE_GROUPS } from "../src/rules/alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "../src/rules/debian-base-groups.js";
import { gidUse } from "../src/rules/users-debian-groups.js";
import { migrate } from "./helpers.js";

const made = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => /now makes it first/.test(w.message)).map((w) => w.message);

describe("users: groups Debian's base image has and Alpine's lacks are made before a join", () => {
  it("covers base-passwd's groups that Alpine's base image does not have", () => {
    const missing = [...DEBIAN_BASE_GROUPS.keys()].filter((g) => !ALPINE_GROUPS.has(g));
    expect(missing).toEqual([
      "man",
      "proxy",
      "fax",
      "voice",
      "sudo",
      "dip",
      "backup",
      "operator",
      "list",
      "irc",
      "src",
      "gnats",
      "sasl",
      "plugdev",
      "staff",
    ]);
  });

  it("makes the group for usermod -aG, useradd -G, gpasswd -a and adduser USER GROUP", () => {
    const out = (run: string) => migrate(`FROM debian:bookworm\nRUN ${run}\n`).output;
    expect(out("useradd -m app && usermod -aG sudo app")).toContain(
      "RUN adduser -D app && addgroup -S sudo && addgroup app sudo\n",
    );
    expect(out("useradd -G sudo,adm x")).toContain(
      "RUN adduser -D -H x && addgroup -S sudo && addgroup x sudo && addgroup x adm\n",
    );
    expect(out("useradd -m x && gpasswd -a x plugdev")).toContain(
      "RUN adduser -D x && addgroup -S plugdev && addgroup x plugdev\n",
    );
    expect(out("useradd -m x && adduser x dip")).toContain(
      "RUN adduser -D x && addgroup -S dip && adduser x dip\n",
    );
  });

  it("makes a primary group too: useradd -g, Debian's adduser --ingroup", () => {
    const out = (run: string) => migrate(`FROM debian:bookworm\nRUN ${run}\n`).output;
    expect(out("useradd -g staff x")).toContain(
      "RUN addgroup -S staff && adduser -D -G staff -H x\n",
    );
    expect(out("adduser --disabled-password --gecos '' --ingroup plugdev y")).toContain(
      "RUN addgroup -S plugdev && adduser -D -G plugdev -g '' y\n",
    );
    // Kept as written when the group is there: busybox reads these options itself.
    expect(out("adduser --disabled-password --ingroup users y")).toContain(
      "RUN adduser --disabled-password --ingroup users y\n",
    );
  });

  it("keeps the step under an || and the call's redirections", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -m x\nRUN id -nG x | grep -q staff || usermod -aG staff x 2>/dev/null\n",
    );
    expect(r.output).toContain(
      "RUN id -nG x | grep -q staff || { addgroup -S staff && addgroup x staff; } 2>/dev/null\n",
    );
  });

  it("makes a group once per stage chain, and again in a stage not built FROM it", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS base",
        "RUN useradd -m a && usermod -aG staff a",
        "RUN useradd -m b && usermod -aG staff b",
        "FROM base AS child",
        "RUN useradd -m c && usermod -aG staff c",
        "FROM debian:bookworm AS other",
        "RUN useradd -m d && usermod -aG staff d",
        "",
      ].join("\n"),
    );
    expect(r.output.match(/addgroup -S staff/g)).toHaveLength(2);
    expect(r.output).toContain("RUN adduser -D b && addgroup b staff\n");
    expect(r.output).toContain("RUN adduser -D c && addgroup c staff\n");
    expect(r.output).toContain("RUN adduser -D d && addgroup -S staff && addgroup d staff\n");
  });

  it("keeps Debian's GID when the file uses it and Alpine leaves it free", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -m app && usermod -aG staff app && chown -R app:50 /srv\n",
    );
    expect(r.output).toContain("addgroup -S -g 50 staff && addgroup app staff");
    expect(made(r)[0]).toContain(
      "with Debian's GID 50, which this file uses (chown -R app:50) and Alpine leaves free",
    );
  });

  it("lets busybox pick the GID when Alpine has Debian's or nothing uses it", () => {
    const taken = migrate(
      "FROM debian:bookworm\nRUN useradd -m app && usermod -aG voice app && chgrp 22 /srv\n",
    );
    expect(taken.output).toContain("addgroup -S voice && addgroup app voice");
    expect(made(taken)[0]).toContain("with a GID busybox picks (Debian's 22 is sshd's on Alpine)");
    const unused = migrate("FROM debian:bookworm\nRUN useradd -m app && usermod -aG staff app\n");
    expect(made(unused)[0]).toBe(
      "group staff is in Debian's base image but not Alpine's, where busybox stops the build on it (unknown group staff): addgroup -S staff now makes it first, with a GID busybox picks (nothing in this file uses Debian's 50); Alpine's base image has no file or rule for it, so membership grants only what this file itself gives the group",
    );
  });

  it("makes nothing for a group the file or an installed package makes", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -g 50 staff && useradd -m app && usermod -aG staff app\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -g 50 staff && adduser -D app && addgroup app staff\n",
    );
    expect(made(r)).toEqual([]);
  });
});

describe("gidUse", () => {
  it("finds the GID as a group owner, an option or a variable, not inside other numbers", () => {
    expect(gidUse("RUN chown -R app:50 /srv", 50)).toBe("chown -R app:50");
    expect(gidUse("COPY --chown=app:46 a b", 46)).toBe("--chown=app:46");
    expect(gidUse("USER 1000:50", 50)).toBe("USER 1000:50");
    expect(gidUse("ARG STAFF_GID=50", 50)).toBe("STAFF_GID=50");
    expect(gidUse("RUN useradd -g 50 x", 50)).toBe("useradd -g 50");
    expect(gidUse("RUN chown app:500 /srv && sleep 50", 50)).toBeUndefined();
  });
});
