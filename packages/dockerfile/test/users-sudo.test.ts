import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const sudoWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings
    .filter((w) => w.rule === "users" && /group sudo/.test(w.message))
    .map((w) => w.message);

describe("users: the sudo group, which Alpine's sudoers does not know", () => {
  // Alpine's /etc/sudoers has no %sudo rule (its %wheel one is commented out): the sudo group
  // made so that addgroup does not stop the build grants nothing, so the advice is wheel.
  it("makes the group and points useradd -G sudo to wheel, a sudoers.d line and sudo", () => {
    const r = migrate("FROM debian:bookworm\nRUN useradd -m -G sudo dev\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN adduser -D dev && addgroup -S sudo && addgroup dev sudo\n",
    );
    expect(sudoWarnings(r)).toEqual([
      "group sudo is in Debian's base image but not Alpine's, where busybox stops the build on it (unknown group sudo): addgroup -S sudo now makes it first, with a GID busybox picks (Debian's 27 is video's on Alpine); the group alone grants no sudo rights there: Alpine's sudoers has no %sudo rule (Debian's has); for them, add the user to wheel instead (addgroup dev wheel) and allow wheel in /etc/sudoers.d (echo '%wheel ALL=(ALL) ALL' > /etc/sudoers.d/wheel); install sudo too (apk add sudo)",
    ]);
  });

  it("says the file's own %sudo rule grants it, and sees sudo installed, later too", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN useradd -m dev && usermod -aG sudo dev",
        "RUN apt-get update && apt-get install -y sudo && echo '%sudo ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN adduser -D dev && addgroup -S sudo && addgroup dev sudo\n");
    expect(sudoWarnings(r)).toEqual([
      "group sudo is in Debian's base image but not Alpine's, where busybox stops the build on it (unknown group sudo): addgroup -S sudo now makes it first, with a GID busybox picks (Debian's 27 is video's on Alpine); this file's own %sudo rule gives the group sudo rights on Alpine too, now that the group exists",
    ]);
  });

  it("says nothing when the file makes the sudo group itself", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y sudo && groupadd sudo && useradd -m -G sudo dev\n",
    );
    expect(sudoWarnings(r)).toEqual([]);
    expect(r.output).not.toContain("addgroup -S sudo");
  });

  it("keeps the warning in a stage that was Alpine already, which never had the group", () => {
    const r = migrate("FROM alpine:3.23\nRUN adduser -D dev && adduser dev sudo\n");
    expect(r.output).toBe("FROM alpine:3.23\nRUN adduser -D dev && adduser dev sudo\n");
    expect(sudoWarnings(r)).toEqual([
      "group sudo is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it; for sudo rights, add the user to wheel instead (addgroup dev wheel) and allow wheel in /etc/sudoers.d (echo '%wheel ALL=(ALL) ALL' > /etc/sudoers.d/wheel)",
    ]);
  });
});

describe("users: Debian's adduser --add_extra_groups", () => {
  it("warns that the extra groups are not joined", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --disabled-password --gecos '' --add_extra_groups dev\n",
    );
    expect(r.output).toContain("RUN adduser -D -g '' dev\n");
    expect(r.warnings.map((w) => w.message)).toContain(
      "adduser --add_extra_groups: Debian's adduser also adds dev to the EXTRA_GROUPS of /etc/adduser.conf (users on Debian 12 and later; dialout, cdrom, floppy, audio, video, plugdev and users on older releases and Ubuntu), which busybox adduser has no option for: dropped; join them with addgroup dev GROUP (Alpine has all but plugdev)",
    );
  });
});
