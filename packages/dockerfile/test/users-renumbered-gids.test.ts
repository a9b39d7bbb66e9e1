import { describe, expect, it } from "vitest";
import { ALPINE_BASE_GROUPS, ALPINE_GROUPS } from "../src/rules/alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "../src/rules/debian-base-groups.js";
import { migrate } from "./helpers.js";

// A group both base images have under other GIDs (video 44 → 27), given by its Debian number: the
// number stays, but on Alpine it is another group's or none's, which the warning says.
const gidWarnings = (lines: string[], from = "debian:bookworm") =>
  migrate([`FROM ${from}`, ...lines, ""].join("\n"))
    .warnings.filter((w) => /^GID \d+ is group \S+ in Debian's base image/.test(w.message))
    .map((w) => `${w.line}: ${w.message}`);

describe("users: a Debian base group's GID given by number", () => {
  it("chgrp 44: video on Debian, no group on Alpine, whose video is 27", () => {
    expect(gidWarnings(["RUN chgrp 44 /srv"])).toEqual([
      "2: GID 44 is group video in Debian's base image, and Alpine's video is GID 27, where 44 is no base group's there: files and processes keep GID 44 as on Debian, but members of Alpine's video get nothing through it; if video is meant, name it (video, GID 27 here) or renumber it first (delgroup video && addgroup -g 44 video)",
    ]);
  });

  it("warns at chown, COPY --chown and USER, once per stage and number", () => {
    const w = gidWarnings([
      "RUN chown 1000:60 /srv && chown -R 1000:60 /opt",
      "COPY --chown=1000:29 a /a",
      "USER 1000:29",
    ]);
    expect(w.map((x) => x.slice(0, 30))).toEqual([
      "2: GID 60 is group games in De",
      "3: GID 29 is group audio in De",
    ]);
    // games is Alpine's user games's primary group: busybox delgroup refuses it.
    expect(w[0]).toContain("if games is meant, name it (games, GID 35 here)");
    expect(w[0]).not.toContain("delgroup");
  });

  it("names the group that holds the number on Alpine (10: uucp on Debian, wheel on Alpine)", () => {
    expect(gidWarnings(["RUN chown 0:10 /x"])).toEqual([
      "2: GID 10 is group uucp in Debian's base image, and Alpine's uucp is GID 14, where 10 is wheel's there: files and processes with GID 10 belong to Alpine's wheel, and members of uucp get nothing through it; if uucp is meant, name it (uucp, GID 14 here)",
    ]);
  });

  it("leaves alone 65534 (Alpine's nobody), the file's own groups, kept GIDs and Alpine stages", () => {
    expect(gidWarnings(["RUN chown 65534:65534 /x"])).toEqual([]);
    expect(gidWarnings(["RUN groupadd -g 44 gpu && chgrp 44 /dev/dri"])).toEqual([]);
    // tty 5, disk 6, dialout 20: the same GID on both.
    expect(gidWarnings(["RUN chgrp 5 /x && chgrp 6 /y && chown 0:20 /z"])).toEqual([]);
    expect(gidWarnings(["RUN chgrp 44 /srv"], "alpine:3.23")).toEqual([]);
  });
});

describe("users: a dropped line making a base account whose group Debian numbers otherwise", () => {
  const renumbered = (line: string) =>
    migrate(`FROM debian:bookworm\n${line}\n`)
      .warnings.map((w) => w.message)
      .filter((m) => /^group \S+ is GID \d+ in Debian's base image and \d+ in Alpine's/.test(m));

  it.each([
    ["RUN groupadd -r games", "group games is GID 60 in Debian's base image and 35 in Alpine's"],
    ["RUN useradd -r games", "group games is GID 60 in Debian's base image and 35 in Alpine's"],
    [
      "RUN adduser --system --group mail",
      "group mail is GID 8 in Debian's base image and 12 in Alpine's",
    ],
  ])("%s: the drop note, and the group's two GIDs", (line, said) => {
    expect(renumbered(line)).toEqual([expect.stringContaining(said)]);
  });

  it("not for a group Debian's base lacks (cron), nor nogroup, which the drop note names", () => {
    expect(renumbered("RUN groupadd -r cron")).toEqual([]);
    expect(renumbered("RUN adduser --system ntp")).toEqual([]);
  });
});

describe("users: a Debian base group Alpine's lacks, given by a number another group has there", () => {
  it.each([
    ["RUN chgrp 27 /srv", "27", "sudo", "video"],
    ["RUN chown :34 /srv", "34", "backup", "kvm"],
    ["RUN chgrp 12 /srv", "12", "man", "mail"],
    ["RUN chgrp 13 /srv", "13", "proxy", "news"],
    ["RUN chown 0:21 /srv", "21", "fax", "ftp"],
    ["RUN chgrp -R 22 /srv", "22", "voice", "sshd"],
  ])("%s: %s is %s on Debian, %s on Alpine", (line, gid, debian, alpine) => {
    expect(gidWarnings([line])).toEqual([
      `2: GID ${gid} is group ${debian} in Debian's base image, which Alpine's lacks, and ${gid} is ${alpine}'s there: files and processes with GID ${gid} belong to Alpine's ${alpine}, not to a group ${debian}; if ${debian} is meant, make it first under a GID of its own (addgroup -S ${debian}) and name it (busybox addgroup -g ${gid} stops: ${alpine} has it)`,
    ]);
  });

  it("covers every such number of the two base tables, and only those", () => {
    const lacking = [...DEBIAN_BASE_GROUPS].filter(
      ([name, gid]) => !ALPINE_GROUPS.has(name) && ALPINE_BASE_GROUPS.has(gid),
    );
    expect(lacking.map(([, gid]) => gid).sort((a, b) => a - b)).toEqual([12, 13, 21, 22, 27, 34]);
    for (const [name, gid] of lacking)
      expect(gidWarnings([`RUN chgrp ${gid} /x`])[0]).toContain(`GID ${gid} is group ${name}`);
    // dip 30, staff 50: no group has the number on Alpine either, so it means the same nothing.
    expect(gidWarnings(["RUN chgrp 30 /x && chgrp 50 /y"])).toEqual([]);
  });

  it("not where the file makes a group with it, a step deleted Alpine's holder, or Alpine stays", () => {
    expect(gidWarnings(["RUN groupadd -g 27 admins && chgrp 27 /x"])).toEqual([]);
    expect(gidWarnings(["RUN delgroup kvm && chgrp 34 /x"])).toEqual([]);
    expect(gidWarnings(["RUN chgrp 27 /x"], "alpine:3.23")).toEqual([]);
    expect(gidWarnings(["RUN chgrp 0 /x && chown 65534:65534 /y"])).toEqual([]);
  });
});

describe("users: Debian base GIDs in other spellings", () => {
  it.each([
    ["RUN install -g 44 -m 644 a /x", "44"],
    ["RUN install -Dg44 a /x", "44"],
    ["RUN install --group=27 a /x", "27"],
    ["RUN install -d --group 27 /x", "27"],
    ["RUN find / -group 44 -print", "44"],
    ["RUN find / -gid 34 -delete", "34"],
    ["RUN chown app.44 /x", "44"],
    ["RUN find /srv -exec chown app.27 {} +", "27"],
    ["RUN setpriv --regid 44 --reuid 1000 --clear-groups id", "44"],
    ["RUN setpriv --egid=29 id", "29"],
    ["RUN setpriv --groups 1000,27 id", "27"],
    ["RUN sg 44 -c id", "44"],
    ["RUN sg - 27 id", "27"],
    ["RUN --mount=type=cache,target=/var/cache/x,uid=0,gid=44 true", "44"],
  ])("%s", (line, gid) => {
    expect(gidWarnings([line]).map((w) => w.slice(0, w.indexOf(" is group")))).toEqual([
      `2: GID ${gid}`,
    ]);
  });

  it("once per stage, at the first use, and again in the next stage", () => {
    const w = gidWarnings([
      "RUN install -g 44 a /x && chgrp 44 /y",
      "RUN find / -group 44",
      "FROM debian:bookworm",
      "RUN sg 44 -c id",
    ]);
    expect(w.map((x) => x.slice(0, x.indexOf(" is group")))).toEqual(["2: GID 44", "5: GID 44"]);
  });

  it("leaves names, other options and the file's own GIDs alone", () => {
    expect(
      gidWarnings([
        "RUN install -m 644 -o 44 a /x && install -g video b /y",
        "RUN find / -user 44 -perm 644 && setpriv --reuid 44 id && sg video -c id",
        "RUN chown app.staff /x && chown 1.2.3 /y",
        "RUN groupadd -g 44 gpu && install -g 44 a /z",
        "RUN --mount=type=cache,target=/x,uid=44 true",
      ]),
    ).toEqual([]);
  });
});

describe("users: a GID written where busybox takes a name, turned into the name holding it", () => {
  const users = (text: string) =>
    migrate(`FROM debian:bookworm\n${text}\n`)
      .warnings.filter((w) => w.rule === "users")
      .map((w) => w.message.slice(0, 40));

  it.each([
    "RUN useradd -m app && usermod -aG 27 app",
    "RUN useradd -g 27 web",
    "RUN useradd -G 27 web",
    "RUN adduser --system --gid 27 web",
  ])("%s: the number's warning, not video's (44 on Debian)", (line) => {
    expect(users(line)).toEqual(["GID 27 is group sudo in Debian's base im"]);
  });

  it("root 0 and users 100 need no warning", () => {
    expect(users("RUN useradd -g 0 a && useradd -g 100 b && usermod -aG 100 a")).toEqual([]);
  });
});
