import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const sudoWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings
    .filter((w) => w.rule === "users" && /group sudo/.test(w.message))
    .map((w) => w.message);

describe("users: the sudo group, which Alpine's sudoers does not know", () => {
  // Alpine's /etc/sudoers has no %sudo rule (its %wheel one is commented out): making a sudo
  // group would grant nothing, so the advice is wheel and a sudoers.d line.
  it("points useradd -G sudo to wheel, a sudoers.d line and the sudo package", () => {
    const r = migrate("FROM debian:bookworm\nRUN useradd -m -G sudo dev\n");
    expect(sudoWarnings(r)).toEqual([
      "group sudo is not in Alpine's base image, and Alpine's sudoers has no %sudo rule (Debian's has), so making it grants nothing: add the user to wheel instead (addgroup dev wheel) and allow wheel in /etc/sudoers.d (echo '%wheel ALL=(ALL) ALL' > /etc/sudoers.d/wheel); install sudo too (apk add sudo)",
    ]);
  });

  it("follows the file's own %sudo line (NOPASSWD) and sees sudo installed, later too", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN useradd -m dev && usermod -aG sudo dev",
        "RUN apt-get update && apt-get install -y sudo && echo '%sudo ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers",
        "",
      ].join("\n"),
    );
    expect(sudoWarnings(r)).toEqual([
      "group sudo is not in Alpine's base image, and Alpine's sudoers has no %sudo rule (Debian's has), so making it grants nothing: add the user to wheel instead (addgroup dev wheel) and allow wheel in /etc/sudoers.d (echo '%wheel ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/wheel); this file's own %sudo line does the same for sudo only if the group is made first (addgroup sudo)",
    ]);
  });

  it("says nothing when the file makes the sudo group itself", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y sudo && groupadd sudo && useradd -m -G sudo dev\n",
    );
    expect(sudoWarnings(r)).toEqual([]);
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
