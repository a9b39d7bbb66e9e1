import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_CACHE } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason, runBodies } from "./support/busybox-root.js";

// `adduser --system --home /srv ntp` is kept (Alpine's ntp has home /var/empty), and its warning
// says the primary group differs too: Debian's adduser gives nogroup (65534), Alpine's ntp has
// ntp (123), and the same line under another name gets busybox's nogroup, 65533 on Alpine.
const FROM = "FROM debian:bookworm-slim\n";
const GROUP_NOTE =
  "its primary group differs too: Debian's adduser --system gives it nogroup (GID 65534 on Debian), Alpine's ntp has ntp (GID 123), and under a name Alpine's base lacks busybox adduser -S gives it nogroup, GID 65533 on Alpine";

const baseWarning = (run: string) =>
  migrate(`${FROM}RUN ${run}\n`).warnings.find((w) =>
    w.message.includes("already exists in Alpine's base image"),
  )?.message;

describe("users: a kept adduser --system of a base user names its group too", () => {
  it.each([
    "adduser --system --home /srv ntp",
    "adduser --system --shell /bin/sh ntp",
    "adduser --system --uid 500 ntp",
  ])("%s: the group Debian gives, Alpine's, and busybox's", (run) => {
    const w = baseWarning(run);
    expect(w).toContain("busybox adduser stops on it (user 'ntp' in use)");
    expect(w).toContain(GROUP_NOTE);
  });

  it("says nothing of the group when the line names one, or Debian's base user keeps its own", () => {
    expect(baseWarning("adduser --system --ingroup kvm --home /srv ntp")).not.toContain(
      "differs too",
    );
    expect(baseWarning("adduser --system --group --home /srv ntp")).not.toContain("differs too");
    expect(baseWarning("useradd -r -d /srv ntp")).not.toContain("differs too");
    // Debian's games keeps group games, which Alpine's games has too.
    expect(baseWarning("adduser --system --home /srv games")).not.toContain("differs too");
  });
});

const DEBIAN_ROOT = join(TEST_CACHE, "debian-bookworm-minbase");
const debianReason =
  process.getuid?.() !== 0
    ? "needs root for chroot"
    : existsSync(join(DEBIAN_ROOT, ".complete"))
      ? undefined
      : `no Debian minbase root at ${DEBIAN_ROOT}`;
const reason = busyboxSkipReason();

describe.skipIf(reason !== undefined || debianReason !== undefined)(
  "the group facts of that warning, from Debian's adduser and the musl busybox",
  () => {
    const newRoot = alpineRoots("alpinize-kept-group-");

    it("Debian gives ntp nogroup 65534; busybox stops on ntp, and gives a new name nogroup 65533", () => {
      const debian = newRoot.keep(mkdtempSync(join(tmpdir(), "alpinize-kept-group-debian-")));
      // Hard links for the programs; /etc copied, since adduser rewrites it.
      execFileSync("cp", ["-al", `${DEBIAN_ROOT}/.`, debian]);
      rmSync(join(debian, "etc"), { recursive: true });
      execFileSync("cp", ["-a", join(DEBIAN_ROOT, "etc"), join(debian, "etc")]);
      const d = spawnSync("chroot", [debian, "adduser", "--system", "--home", "/srv", "ntp"], {
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(d.status).toBe(0);
      expect(readFileSync(join(debian, "etc/passwd"), "utf8")).toMatch(/^ntp:x:\d+:65534:/m);
      expect(readFileSync(join(debian, "etc/group"), "utf8")).toMatch(/^nogroup:x:65534:/m);

      const alpine = newRoot();
      const [body = ""] = runBodies(
        migrate(`${FROM}RUN adduser --system --home /srv ntp\n`).output,
      );
      const run = (script: string) =>
        spawnSync("chroot", [alpine, "/bin/sh", "-ec", script], {
          encoding: "utf8",
          timeout: 60_000,
        });
      const kept = run(body);
      expect([kept.status, kept.stderr]).toEqual([1, expect.stringContaining("user 'ntp' in use")]);
      expect(run(body.replace(/ntp$/, "ntpd")).status).toBe(0);
      const passwd = readFileSync(join(alpine, "etc/passwd"), "utf8");
      expect(passwd).toMatch(/^ntp:x:123:123:/m);
      expect(passwd).toMatch(/^ntpd:x:\d+:65533:/m);
      expect(readFileSync(join(alpine, "etc/group"), "utf8")).toMatch(/^nogroup:x:65533:/m);
    });
  },
);
