import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import {
  alpineRoots,
  busyboxSkipReason,
  expectBodiesPass,
  runBodies,
} from "./support/busybox-root.js";

const users = (lines: string[]) => {
  const r = migrate(["FROM debian:bookworm", ...lines, ""].join("\n"));
  return {
    runs: r.output.split("\n").filter((l) => l.startsWith("RUN ")),
    warnings: r.warnings.filter((w) => w.rule === "users").map((w) => `${w.line}: ${w.message}`),
  };
};

describe("users: chown USER.GROUP naming a Debian base group", () => {
  it("makes a group Alpine lacks first, as for USER:GROUP (busybox reads the dot as the colon)", () => {
    const r = users(["RUN useradd app && chown -R app.staff /srv && chown .plugdev /x"]);
    expect(r.runs).toEqual([
      "RUN adduser -D -H app && addgroup -S staff && chown -R app.staff /srv && addgroup -S plugdev && chown .plugdev /x",
    ]);
    expect(r.warnings.map((w) => w.slice(0, w.indexOf(" is in")))).toEqual([
      "2: group staff",
      "2: group plugdev",
    ]);
    expect(r.warnings[0]).toContain("busybox chown stops the build on it (unknown group staff)");
  });

  it("warns at a group Alpine numbers otherwise, as for USER:GROUP", () => {
    expect(users(["RUN useradd app && chown app.video /dev/x"]).warnings).toEqual([
      expect.stringMatching(/^2: group video is GID 44 in Debian's base image and 27 in Alpine's/),
    ]);
  });

  it("leaves a group that is no Debian base group's", () => {
    expect(users(["RUN useradd app && chown app.doe /x && chown app.video.x /y"])).toEqual({
      runs: ["RUN adduser -D -H app && chown app.doe /x && chown app.video.x /y"],
      warnings: [],
    });
  });
});

describe("users: owner words busybox reads otherwise than GNU (the first dot a colon)", () => {
  const dotted = (w: string) => w.slice(3, w.indexOf(" (it turns"));

  it("warns at a dotted user the file made, USER:GROUP with a dotted group, chgrp of one", () => {
    const r = users([
      "RUN useradd -m john.doe && chown john.doe /x && chown john.doe:staff /y",
      "RUN groupadd my.group && chown root:my.group /x && chgrp my.group /y",
    ]);
    expect(r.warnings.filter((w) => w.includes("turns the first dot")).map(dotted)).toEqual([
      "busybox chown reads john.doe as john:doe",
      "busybox chown reads john.doe:staff as john:doe:staff",
      "busybox chown reads root:my.group as root:my:group",
      "busybox chgrp reads my.group as :my:group",
    ]);
    expect(r.warnings[0]).toContain('give the UID (chown "$(id -u john.doe)" FILE)');
    expect(r.warnings.join("\n")).toContain("write root.my.group");
    expect(r.warnings.join("\n")).toContain("write chown .my.group");
  });

  it("leaves USER.GROUP, .GROUP, a user no step made, and a stage with coreutils", () => {
    const r = users([
      "RUN useradd app && chown app.doe /x && chown .doe /y && chown first.last /z",
      "RUN apt-get install -y coreutils && useradd john.doe && chown john.doe /x && chgrp my.group /y",
    ]);
    expect(r.warnings.filter((w) => w.includes("turns the first dot"))).toEqual([]);
  });
});

describe("users: Alpine's base group on a Debian GID, deleted before", () => {
  it("no longer names the group a step deleted (delgroup wheel, then GID 10)", () => {
    expect(users(["RUN delgroup wheel && chown 0:10 /x"]).warnings).toEqual([
      "2: GID 10 is group uucp in Debian's base image, and Alpine's uucp is GID 14, where 10 is no base group's there: files and processes keep GID 10 as on Debian, but members of Alpine's uucp get nothing through it; if uucp is meant, name it (uucp, GID 14 here)",
    ]);
    expect(users(["RUN delgroup wheel && useradd app && chown app:uucp /x"]).warnings).toEqual([
      "2: group uucp is GID 10 in Debian's base image and 14 in Alpine's: files a volume or the host keeps with GID 10 are not uucp's here; uucp is the primary group of Alpine's user uucp and keeps 14: chown those files to 14",
    ]);
  });

  it("gives a Debian group Alpine lacks its Debian GID once the holder is deleted", () => {
    const r = users(["RUN delgroup video", "RUN useradd -G sudo app && chgrp 27 /x"]);
    expect(r.runs[1]).toContain("addgroup -S -g 27 sudo &&");
    expect(r.warnings[0]).toContain("with Debian's GID 27, which this file uses (chgrp 27)");
    expect(r.warnings[0]).not.toContain("video");
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: USER.GROUP and freed GIDs, under busybox", () => {
  const newRoot = alpineRoots("alpinize-owner-dotted-");

  it("runs the migrated chown app.staff (busybox stops on it without the group)", () => {
    const root = newRoot();
    const r = migrate("FROM debian:bookworm\nRUN useradd app && chown app.staff /srv\n");
    expectBodiesPass(root, runBodies(r.output));
    expect(readFileSync(join(root, "etc/group"), "utf8")).toMatch(/^staff:x:\d+:$/m);
  });

  it("stops where it warns of a dotted owner, and runs the spellings it names", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -m john.doe && groupadd my.group\nRUN chown root:my.group /srv\nRUN chgrp my.group /srv\nRUN chown john.doe /srv\n",
    );
    const [make, ...uses] = runBodies(r.output);
    for (const use of uses) {
      const root = newRoot();
      expectBodiesPass(root, [make!]);
      const run = spawnSync("chroot", [root, "/bin/sh", "-ec", use], { encoding: "utf8" });
      expect({ use, status: run.status }).toEqual({ use, status: 1 });
      expect(r.warnings.map((w) => w.message).join("\n")).toContain(run.stderr.trim());
    }
    const root = newRoot();
    expectBodiesPass(root, [
      make!,
      'chown root.my.group /srv && chown .my.group /srv && chown "$(id -u john.doe)" /srv',
    ]);
  });

  it("gives sudo Debian's 27 after delgroup video, and chgrp 27 is sudo's", () => {
    const root = newRoot();
    const r = migrate(
      "FROM debian:bookworm\nRUN delgroup video\nRUN useradd -G sudo app && chgrp 27 /srv\n",
    );
    expectBodiesPass(root, runBodies(r.output));
    expect(readFileSync(join(root, "etc/group"), "utf8")).toMatch(/^sudo:x:27:app$/m);
  });
});
