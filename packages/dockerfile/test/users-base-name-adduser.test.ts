import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason, runBodies } from "./support/busybox-root.js";

const FROM = "FROM debian:bookworm-slim\n";
const DROPPED_NTP =
  "user ntp already exists in Alpine's base image (UID 123): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs, home and shell";
// Debian's adduser --system with no group gives nogroup, which Alpine's ntp lacks: said.
const NOGROUP_NTP = `${DROPPED_NTP}; its primary group is Alpine's ntp (GID 123), not nogroup (GID 65534 on Debian) as Debian's adduser --system gives it: files the user makes get group ntp, and what relies on its GID being 65534 differs; if that matters, give the user a name Alpine's base lacks`;
const users = (text: string) => {
  const r = migrate(text);
  return {
    output: r.output,
    messages: r.warnings.filter((w) => w.rule === "users").map((w) => w.message),
  };
};

// Debian's adduser making an account Alpine's base has, with no ID or Alpine's, is dropped with
// a note as useradd -r ntp is: busybox would stop on the name, and the account is there.
describe("users: Debian's adduser of an account Alpine's base has", () => {
  it.each([
    ["useradd -r ntp", DROPPED_NTP],
    ["adduser --system ntp", NOGROUP_NTP],
    ["adduser --system --group ntp", DROPPED_NTP],
    ["adduser --system --home /var/empty --shell /usr/sbin/nologin ntp", NOGROUP_NTP],
    ["adduser -S -D ntp", DROPPED_NTP],
    ["adduser -S -u 123 ntp", DROPPED_NTP],
  ])("%s: dropped, with the note useradd gets", (run, note) => {
    const r = users(`${FROM}RUN ${run}\nRUN id ntp\n`);
    expect(r.messages).toEqual([note]);
    expect(r.output).not.toMatch(/adduser|useradd/);
  });

  it("addgroup of a base group with no GID or Alpine's is dropped as groupadd's is", () => {
    for (const run of [
      "groupadd -r kvm",
      "addgroup --system kvm",
      "addgroup -S kvm",
      "addgroup --gid 34 kvm",
    ]) {
      const r = users(`${FROM}RUN ${run}\nRUN echo done\n`);
      expect([run, r.messages]).toEqual([
        run,
        [
          "group kvm already exists in Alpine's base image (GID 34): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs",
        ],
      ]);
      expect(r.output).not.toContain("kvm");
    }
  });

  it("another UID keeps the line and its one warning: no word of the group the user would join", () => {
    for (const run of ["useradd -u 500 ntp", "adduser --system --group --uid 500 ntp"]) {
      const r = users(`${FROM}RUN ${run}\n`);
      expect([run, r.messages.length]).toEqual([run, 1]);
      expect(r.messages[0]).toContain(
        "user ntp already exists in Alpine's base image (UID 123; this line asks for UID 500)",
      );
    }
    // A user Alpine's base lacks still hears that it joins the base group of its name.
    expect(users(`${FROM}RUN useradd -u 500 ping\n`).messages).toContain(
      "group ping already exists in Alpine's base image: the user joins it (adduser -G ping) instead of getting a new group of that name",
    );
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: a dropped adduser, under busybox", () => {
  const newRoot = alpineRoots("alpinize-adduser-base-");

  it("the written steps pass and Alpine's ntp is the account", () => {
    const root = newRoot();
    const written = migrate(`${FROM}RUN adduser --system ntp && id ntp\n`).output;
    for (const body of runBodies(written)) {
      const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], {
        encoding: "utf8",
        timeout: 60_000,
        killSignal: "SIGKILL",
      });
      expect({ body, status: r.status, stderr: r.stderr }).toEqual({ body, status: 0, stderr: "" });
    }
    expect(readFileSync(join(root, "etc/passwd"), "utf8")).toMatch(/^ntp:x:123:/m);
  });
});
