import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason, runBodies } from "./support/busybox-root.js";

const FROM = "FROM debian:bookworm-slim\n";
const usersMessages = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "users")
    .map((w) => w.message);

// A name Alpine's base image has (ntp 123, cron 16), made with another ID: busybox stops on the
// name whatever the ID, and alpinize cannot pick for the user between Alpine's account and the
// file's ID, so the line stays and the warning gives Alpine's ID and both ways out.
describe("users: a base account's name made with another ID", () => {
  it("names Alpine's UID, the one asked for, what busybox says and the choice", () => {
    const r = migrate(`${FROM}RUN useradd -u 500 ntp\n`);
    expect(r.output).toContain("adduser -D -u 500 -G ntp -H ntp");
    expect(usersMessages(`${FROM}RUN useradd -u 500 ntp\n`)).toContain(
      "user ntp already exists in Alpine's base image (UID 123; this line asks for UID 500): busybox adduser stops on it (user 'ntp' in use); drop this step and use Alpine's ntp (UID 123: what expects UID 500 must then name ntp or 123), or give the user a name Alpine's base lacks",
    );
    // Debian's adduser --system gives nogroup: the warning says the group differs too.
    expect(usersMessages(`${FROM}RUN adduser --system --uid 500 ntp\n`)).toContain(
      "user ntp already exists in Alpine's base image (UID 123; this line asks for UID 500): busybox adduser stops on it (user 'ntp' in use); drop this step and use Alpine's ntp (UID 123: what expects UID 500 must then name ntp or 123), or give the user a name Alpine's base lacks; its primary group differs too: Debian's adduser --system gives it nogroup (GID 65534 on Debian), Alpine's ntp has ntp (GID 123), and under a name Alpine's base lacks busybox adduser -S gives it nogroup, GID 65533 on Alpine, so files the user makes get another GID than on Debian",
    );
  });

  it("does the same for a group, kept or converted", () => {
    expect(usersMessages(`${FROM}RUN groupadd -g 500 cron\n`)).toEqual([
      "group cron already exists in Alpine's base image (GID 16; this line asks for GID 500): busybox addgroup stops on it (group 'cron' in use); drop this step and use Alpine's cron (GID 16: what expects GID 500 must then name cron or 16), or give the group a name Alpine's base lacks",
    ]);
    expect(usersMessages(`${FROM}RUN addgroup --system --gid 500 kvm\n`)).toEqual([
      "group kvm already exists in Alpine's base image (GID 34; this line asks for GID 500): busybox addgroup stops on it (group 'kvm' in use); drop this step and use Alpine's kvm (GID 34: what expects GID 500 must then name kvm or 34), or give the group a name Alpine's base lacks",
    ]);
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: a base account's name, under busybox", () => {
  const newRoot = alpineRoots("alpinize-base-name-");

  /** The written RUN of `dockerfile` in a fresh Alpine root: its exit status and stderr. */
  function runWritten(dockerfile: string): { status: number | null; stderr: string; root: string } {
    const root = newRoot();
    const [body] = runBodies(migrate(dockerfile).output);
    const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body!], {
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    return { status: r.status, stderr: r.stderr, root };
  }

  it("busybox stops as the warning says, and Alpine's IDs are the ones it names", () => {
    const user = runWritten(`${FROM}RUN useradd -u 500 ntp\n`);
    expect(user.status).not.toBe(0);
    expect(user.stderr).toContain("user 'ntp' in use");
    expect(readFileSync(join(user.root, "etc/passwd"), "utf8")).toMatch(/^ntp:x:123:/m);
    const group = runWritten(`${FROM}RUN groupadd -g 500 cron\n`);
    expect(group.status).not.toBe(0);
    expect(group.stderr).toContain("group 'cron' in use");
    expect(readFileSync(join(group.root, "etc/group"), "utf8")).toMatch(/^cron:x:16:/m);
  });
});
