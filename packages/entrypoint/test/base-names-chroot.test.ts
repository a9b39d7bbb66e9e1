import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

const script = (...lines: string[]) => ["#!/bin/sh", "set -e", ...lines, ""].join("\n");

/** `line severity message | fix` of each alpine-id finding. */
const ids = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => `${f.line} ${f.severity} ${f.message} | ${f.fix}`);

// Alpine's base has ntp (UID 123, GID 123) and cron (UID 16, GID 16); Debian has neither, so an
// entrypoint that makes them works there. The rewrite and the lint said nothing about the name.
const NTP = "useradd -u 500 -g 500 -d /h -s /bin/sh ntp";
const ALPINE = "(Alpine 3.23's base image, assumed for other releases)".slice(1, -1);

describe("alpine-id: an account Alpine's base image has, made under its name", () => {
  it("useradd -u 500 ntp: an error naming Alpine's ntp, its UID, the UID asked and the choice", () => {
    const text = script("groupadd -g 500 g500", NTP);
    expect(rewriteEntrypoint(text).output).toContain("alpinize_ensure_user ntp 500 500 /h /bin/sh");
    expect(ids(text)).toEqual([
      `4 error user ntp already exists in Alpine's base image (UID 123; this line asks for UID 500; ${ALPINE}): alpinize_ensure_user, which alpinize entrypoint writes for it, exits 3 there (user 'ntp' exists with UID 123, not 500) | drop this step and use Alpine's ntp (UID 123: what expects UID 500 must then name ntp or 123), or give the user a name Alpine's base lacks`,
    ]);
    // A rerun on the rewritten script says it again.
    expect(ids(rewriteEntrypoint(text).output).join("\n")).toContain(
      "alpinize_ensure_user exits 3 there (user 'ntp' exists with UID 123, not 500)",
    );
  });

  it("adduser --system ntp and addgroup cron: errors, busybox stops on the name", () => {
    expect(ids(script("adduser --system ntp", "addgroup cron"))).toEqual([
      `3 error user ntp already exists in Alpine's base image (UID 123; ${ALPINE}): busybox adduser stops on it (user 'ntp' in use) | drop this step and use Alpine's ntp, or give the user a name Alpine's base lacks`,
      `4 error group cron already exists in Alpine's base image (GID 16; ${ALPINE}): busybox addgroup stops on it (group 'cron' in use) | drop this step and use Alpine's cron, or give the group a name Alpine's base lacks`,
    ]);
  });

  it("groupadd -g 500 cron: a warning that the shim makes cron500, and how to get its name", () => {
    const text = script("groupadd -g 500 cron");
    expect(ids(text)).toEqual([
      `3 warning group cron already exists in Alpine's base image (GID 16; this line asks for GID 500; ${ALPINE}): alpinize_ensure_group, which alpinize entrypoint writes for it, creates 'cron500' ('cron_500' when a group 'cron500' exists already; with both taken it exits 3 and makes none) with GID 500 instead and prints that name (what it does when a name has another GID), so a later use of 'cron' finds Alpine's GID 16 | drop this step and use Alpine's cron (GID 16: what expects GID 500 must then name cron or 16), or give the group a name Alpine's base lacks, or capture the name the shim makes: g=$(alpinize_ensure_group cron 500) and use "$g"`,
    ]);
    // busybox addgroup -g is rewritten to the same shim call.
    expect(ids(script("addgroup -g 500 cron"))[0]).toContain("creates 'cron500' ('cron_500' when");
    expect(ids(script("useradd -m -u 500 ntp"))[0]).toContain(
      "useradd fails there (user 'ntp' already exists)",
    );
    expect(ids(script("alpinize_ensure_group cron 500 --strict"))[0]).toContain(
      "error group cron already exists",
    );
  });

  it("says nothing for Alpine's own IDs, a member added, or a name Alpine lacks", () => {
    for (const line of [
      "useradd -u 123 -g 123 -d /var/empty -s /sbin/nologin ntp",
      "groupadd -g 16 cron",
      "addgroup -S -g 16 cron",
      "adduser -u 123 -G ntp -h /var/empty -s /sbin/nologin ntp",
      "alpinize_ensure_group cron 16",
      "alpinize_ensure_user ntp 123 123 /var/empty /sbin/nologin",
      "adduser ntp cron",
      "addgroup ntp cron",
      "useradd -u 500 -g 500 -d /h -s /bin/sh app",
    ])
      expect(ids(script(line)), line).toEqual([]);
  });
});

describe("alpine-id: groupadd -o and -f on a GID Alpine's base holds say what they do", () => {
  it("-o shares the GID, -f picks another one and the shim written for it reuses ping", () => {
    const [o, f] = ids(script("groupadd -o -g 999 docker", "groupadd -f -g 999 docker"));
    expect(o).toContain(
      "with -o groupadd (from shadow; busybox addgroup has no -o) creates 'docker' sharing GID 999 with ping",
    );
    expect(f).toContain(
      "with -f groupadd would give 'docker' another GID than 999; alpinize_ensure_group, which alpinize entrypoint writes for it, reuses ping",
    );
    for (const m of [o, f]) expect(m).not.toContain("refuses");
  });
});

// What the findings say, run in a musl busybox root with Alpine's base files and the real shims.
const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `the rewritten calls in the busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let root: TestRoot;
    beforeEach(async () => {
      root = await makeRoot("busybox");
    });
    afterEach(async () => {
      await root?.remove();
    });

    const run = async (text: string) => {
      await root.write("entry.sh", rewriteEntrypoint(text).output);
      return root.exec(["/bin/sh", "/entry.sh"]);
    };

    it("useradd -u 500 ntp fails there with exit 3, as the error says", async () => {
      const r = await run(script("groupadd -g 500 g500", NTP, "echo up"));
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("user 'ntp' exists with UID 123, not 500");
      expect(r.stdout).not.toContain("up");
    });

    it("adduser --system ntp and addgroup cron stop on the name ('in use')", async () => {
      for (const line of ["adduser --system ntp", "addgroup cron"]) {
        const r = await run(script(line, "echo up"));
        expect(r.code, line).not.toBe(0);
        expect(r.stderr, line).toMatch(/'(ntp|cron)' in use/);
      }
    });

    it("groupadd -g 500 cron goes on and makes cron500; cron keeps GID 16", async () => {
      const r = await run(script("groupadd -g 500 cron", "echo up"));
      expect([r.code, r.stdout]).toEqual([0, "up\n"]);
      const group = await root.read("etc/group");
      expect(group).toMatch(/^cron500:x:500:/m);
      expect(group).toMatch(/^cron:x:16:/m);
    });

    it("with cron500 taken the shim makes cron_500, and with both taken it exits 3", async () => {
      const line = "groupadd -g 500 cron";
      await root.write("etc/group", `${await root.read("etc/group")}cron500:x:600:\n`);
      const r = await run(script(line, "echo up"));
      expect([r.code, r.stdout]).toEqual([0, "up\n"]);
      expect(await root.read("etc/group")).toMatch(/^cron_500:x:500:/m);
      const group = (await root.read("etc/group")).replace(/^cron_500:x:500:/m, "cron_500:x:700:");
      await root.write("etc/group", group);
      const both = await run(script(line, "echo up"));
      expect([both.code, both.stdout]).toEqual([3, ""]);
      expect(both.stderr).toContain("no free name is left for GID 500");
    });

    it("Alpine's own IDs: the shims find the accounts and change nothing", async () => {
      const before = await root.read("etc/passwd");
      const r = await run(
        script(
          "groupadd -g 16 cron",
          "addgroup -S -g 16 cron",
          "adduser -u 123 -G ntp -h /var/empty -s /sbin/nologin ntp",
          "useradd -u 123 -g 123 -d /var/empty -s /sbin/nologin ntp",
          "addgroup -S -g 16 cron",
          "adduser -u 123 -G ntp -h /var/empty -s /sbin/nologin ntp",
          "echo up",
        ),
      );
      expect([r.code, r.stdout]).toEqual([0, "up\n"]);
      expect(await root.read("etc/passwd")).toBe(before);
    });
  },
);
