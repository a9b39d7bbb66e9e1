import { describe, expect, it } from "vitest";
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
