import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusPath } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { DEBIAN_BASE_GROUPS } from "../src/rules/debian-base-groups.js";
import { renumberedGroups } from "../src/rules/users-renumbered-groups.js";
import { migrate } from "./helpers.js";

const _here = dirname(fileURLToPath(import.meta.url));
const ALPINE_GROUP = corpusPath("alpine-rootfs", "group");
// scripts/ci's debootstrap of bookworm (minbase), where the test machine has it.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const DEBIAN_GROUP = join(CACHE, "debian-bookworm-minbase/etc/group");

/** name → GID of an /etc/group file. */
function groupFile(path: string): Map<string, number> {
  return new Map(
    readFileSync(path, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(":"))
      .map(([name = "", , gid = ""]) => [name, Number(gid)]),
  );
}

/** The users warnings about groups both images have under other GIDs, as `line: group`. */
function renumbered(lines: string[], from = "debian:bookworm"): string[] {
  return migrate([`FROM ${from}`, ...lines, ""].join("\n"))
    .warnings.filter((w) => /in Debian's base image and \d+ in Alpine's/.test(w.message))
    .map((w) => `${w.line}: ${/^group (\S+)/.exec(w.message)?.[1]}`);
}

describe.skipIf(!existsSync(DEBIAN_GROUP) || !existsSync(ALPINE_GROUP))(
  "users: the groups both base images have under other GIDs, from their /etc/group",
  () => {
    it("holds Debian's table to bookworm's /etc/group (gnats is older releases')", () => {
      const debian = new Map(DEBIAN_BASE_GROUPS);
      debian.delete("gnats");
      expect([...debian].sort()).toEqual([...groupFile(DEBIAN_GROUP)].sort());
    });

    it("are every name of both files whose GIDs differ", () => {
      const debian = groupFile(DEBIAN_GROUP);
      const alpine = groupFile(ALPINE_GROUP);
      const differ = [...alpine].filter(([n, gid]) => debian.has(n) && debian.get(n) !== gid);
      expect([...renumberedGroups()].map(([n, g]) => [n, g.alpine]).sort()).toEqual(differ.sort());
      expect(renumberedGroups().get("video")).toEqual({ name: "video", debian: 44, alpine: 27 });
      expect(renumberedGroups().get("nogroup")).toEqual({
        name: "nogroup",
        debian: 65534,
        alpine: 65533,
      });
    });
  },
);

describe("users: a group Alpine's base image has under another GID than Debian's", () => {
  it("warns once per group for useradd -G video,audio, with the device nodes it loses", () => {
    const r = migrate("FROM ubuntu:22.04\nRUN useradd -m -u 1000 -G video,audio app\n");
    const video = r.warnings.find((w) => w.message.startsWith("group video"))?.message;
    expect(video).toContain("group video is GID 44 in Debian's base image and 27 in Alpine's");
    expect(video).toContain("--device /dev/dri, /dev/video0");
    expect(video).toContain("delgroup video && addgroup -g 44 video");
    expect(video).toContain("docker run --group-add 44");
    expect(renumbered(["RUN useradd -m -G video,audio app && usermod -aG video app"])).toEqual([
      "2: video",
      "2: audio",
    ]);
  });

  it("warns for joins, primary groups, owners and USER, not for groups that kept their GID", () => {
    expect(renumbered(["RUN useradd app && usermod -aG cdrom app"])).toEqual(["2: cdrom"]);
    expect(renumbered(["RUN adduser --disabled-password --ingroup audio app"])).toEqual([
      "2: audio",
    ]);
    expect(renumbered(["RUN chgrp mail /var/mail"])).toEqual(["2: mail"]);
    expect(renumbered(["COPY --chown=root:games a /a"])).toEqual(["2: games"]);
    expect(renumbered(["USER nobody:nogroup"])).toEqual(["2: nogroup"]);
    // tty, disk, dialout, tape, shadow, users: the same GID on both.
    expect(renumbered(["RUN useradd -G tty,disk,dialout,tape,users app"])).toEqual([]);
  });

  it("says nogroup is 65533 on Alpine and nobody:nobody is Debian's 65534:65534", () => {
    const r = migrate(
      "FROM debian:bookworm-slim\nRUN chown nobody:nogroup /srv\nUSER nobody:nogroup\n",
    );
    const w = r.warnings.filter((x) => x.message.startsWith("group nogroup"));
    expect(w.map((x) => x.line)).toEqual([2]);
    expect(w[0]?.message).toContain("group nogroup is GID 65534 in Debian's base image and 65533");
    expect(w[0]?.message).toContain("use group nobody (nobody:nobody is 65534:65534 on Alpine)");
  });

  it("gives no renumbering step where the group is a base user's primary group or the GID taken", () => {
    const games = migrate("FROM debian:bookworm\nRUN chgrp games /srv\n").warnings[0]?.message;
    expect(games).toContain("games is the primary group of Alpine's user games and keeps 35");
    expect(games).not.toContain("delgroup");
    const news = migrate("FROM debian:bookworm\nRUN chgrp news /srv\n").warnings[0]?.message;
    expect(news).toContain("GID 9 is kmem's on Alpine");
  });

  it("leaves www-data:www-data to the user's own warning, and stages already on Alpine alone", () => {
    expect(renumbered(["RUN chown www-data:www-data /var/www"])).toEqual([]);
    expect(renumbered(["RUN chgrp www-data /var/www"])).toEqual(["2: www-data"]);
    expect(renumbered(["RUN addgroup app video"], "alpine:3.23")).toEqual([]);
  });
});
