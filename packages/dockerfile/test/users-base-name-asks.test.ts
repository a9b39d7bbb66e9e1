import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusPath } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { ALPINE_BASE_USER_ENTRIES } from "../src/rules/users-base-accounts.js";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason, runBodies } from "./support/busybox-root.js";

const FROM = "FROM debian:bookworm-slim\n";
const users = (text: string) => {
  const r = migrate(text);
  return {
    output: r.output,
    messages: r.warnings.filter((w) => w.rule === "users").map((w) => w.message),
  };
};

// A line making an account Alpine's base has is dropped only when it asks for nothing Alpine's
// account lacks: a group, home or shell of its own stays, with the warning another UID gets.
describe("users: a base account asked for with another group, home or shell", () => {
  it.each([
    ["useradd -r -g kvm ntp", "primary group kvm (Alpine's: ntp, GID 123)"],
    ["adduser --system --ingroup kvm ntp", "primary group kvm (Alpine's: ntp, GID 123)"],
    ["adduser --system --gid 34 ntp", "primary group 34 (Alpine's: ntp, GID 123)"],
    [
      "adduser --system --group --home /var/lib/ntp ntp",
      "home /var/lib/ntp (Alpine's: /var/empty)",
    ],
    ["useradd -m -d /var/lib/ntp ntp", "home /var/lib/ntp (Alpine's: /var/empty)"],
    ["useradd -m ntp", "home /home/ntp (Alpine's: /var/empty)"],
    [
      "useradd -m -d /var/spool/cron cron",
      "home /var/spool/cron made (Alpine's base has no such folder)",
    ],
    ["useradd -r -s /bin/bash ntp", "shell /bin/bash (Alpine's: /sbin/nologin)"],
    ["adduser -S -s /bin/sh ntp", "shell /bin/sh (Alpine's: /sbin/nologin)"],
  ])("%s: kept, and the warning names what Alpine's account lacks", (run, lacks) => {
    const r = users(`${FROM}RUN ${run}\n`);
    expect(r.messages.filter((m) => m.includes("already exists in Alpine's base image"))).toEqual([
      expect.stringContaining(`; this line asks for ${lacks})`),
    ]);
    expect(r.messages.join("\n")).not.toContain("its creation is dropped");
    expect(r.messages[0]).toContain("in use); drop this step and use Alpine's");
    expect(r.output).toMatch(/adduser/);
  });

  it.each([
    "useradd -r -g ntp -d /var/empty -s /usr/sbin/nologin ntp",
    "useradd -r -g 123 -s /bin/false ntp",
    "useradd -m -d /var/empty ntp",
    "adduser --system --group --home /var/empty/ --shell /sbin/nologin ntp",
    "adduser --system --no-create-home --home /var/empty ntp",
  ])("%s: asks nothing Alpine's ntp lacks, so it is dropped", (run) => {
    const r = users(`${FROM}RUN ${run}\n`);
    expect(r.messages).toEqual([expect.stringContaining("its creation is dropped")]);
    expect(r.output).not.toMatch(/adduser|useradd/);
  });

  it("the table is Alpine's base /etc/passwd", () => {
    const passwd = readFileSync(corpusPath("alpine-rootfs/passwd"), "utf8");
    const group = readFileSync(corpusPath("alpine-rootfs/group"), "utf8");
    const groups = new Map(
      group
        .trim()
        .split("\n")
        .map((l) => l.split(":"))
        .map((f): [number, string | undefined] => [Number(f[2]), f[0]]),
    );
    const rows = passwd
      .trim()
      .split("\n")
      .map((l) => l.split(":"))
      .map((f): [string | undefined, object] => [
        f[0],
        { group: groups.get(Number(f[3])), gid: Number(f[3]), home: f[5], shell: f[6] },
      ]);
    expect(new Map(rows)).toEqual(ALPINE_BASE_USER_ENTRIES);
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: a kept base account, under busybox", () => {
  const newRoot = alpineRoots("alpinize-base-asks-");

  it("the kept line stops the build, as its warning says, instead of a home that is not there", () => {
    const root = newRoot();
    const written = migrate(`${FROM}RUN useradd -m -d /var/lib/ntp ntp\n`).output;
    const results = runBodies(written).map((body) =>
      spawnSync("chroot", [root, "/bin/sh", "-ec", body], {
        encoding: "utf8",
        timeout: 60_000,
        killSignal: "SIGKILL",
      }),
    );
    expect(results.some((r) => r.status !== 0 && /in use/.test(r.stderr))).toBe(true);
    expect(readFileSync(join(root, "etc/passwd"), "utf8")).toMatch(
      /^ntp:x:123:123:NTP:\/var\/empty:/m,
    );
  });
});
