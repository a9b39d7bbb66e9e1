import { beforeEach, describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { freshRootEach, skipReason } from "./support/roots.js";

const script = (...lines: string[]) => ["#!/bin/sh", "set -e", ...lines, ""].join("\n");
const ALPINE = "Alpine 3.23's base image, assumed for other releases";

/** `severity message | fix` of each alpine-id finding. */
const ids = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => `${f.severity} ${f.message} | ${f.fix}`);

// A call the rewrite leaves as is stops on a base account's name whatever ID it asks for, Alpine's
// own included: it got only the generic shadow-tool error, because the check returned on the ID.
const KEPT = ["useradd -u 123 ntp", "groupadd -o -g 16 cron", "useradd -u 65534 -g nogroup nobody"];

describe("alpine-id: a base account left as is with Alpine's own ID", () => {
  it("useradd -u 123 ntp and groupadd -o -g 16 cron: the base-account error", () => {
    expect(rewriteEntrypoint(script(...KEPT)).output).toBe(script(...KEPT));
    expect(ids(script(KEPT[0]!, KEPT[1]!))).toEqual([
      `error user ntp already exists in Alpine's base image (UID 123; ${ALPINE}): useradd fails there (user 'ntp' already exists) | drop this step and use Alpine's ntp, or give the user a name Alpine's base lacks`,
      `error group cron already exists in Alpine's base image (GID 16; ${ALPINE}): groupadd fails there (group 'cron' already exists) | drop this step and use Alpine's cron, or give the group a name Alpine's base lacks`,
    ]);
  });

  it("useradd -u 65534 -g nogroup nobody: one finding, on the account, none on its own UID", () => {
    expect(ids(script(KEPT[2]!))).toEqual([
      expect.stringMatching(/^error user nobody already exists .*useradd fails there/),
    ]);
  });

  it("groupadd -f left as is exits 0 on the name: silent with Alpine's GID, a warning with another", () => {
    expect(ids(script("groupadd -f -o -g 16 cron"))).toEqual([]);
    expect(ids(script("groupadd -f -o -g 500 cron"))).toEqual([
      expect.stringMatching(
        /^warning group cron already exists .*this line asks for GID 500.*: groupadd -f keeps Alpine's cron there and makes nothing/,
      ),
    ]);
  });
});

// What the findings say, run: shadow's tools on Alpine's /etc (Debian's root with Alpine's passwd
// and group, as Alpine with shadow installed), and the musl busybox root, which has no useradd.
const reasons = [skipReason("busybox"), skipReason("debian")].filter((r) => r !== undefined);
describe.skipIf(reasons.length > 0)(
  `the kept calls on Alpine's accounts${reasons.length > 0 ? ` (skipped: ${reasons.join("; ")})` : ""}`,
  () => {
    const busybox = freshRootEach("busybox");
    const debian = freshRootEach("debian");
    // Alpine's accounts under shadow's tools: Debian's root with Alpine's passwd and group.
    beforeEach(async () => {
      for (const f of ["etc/passwd", "etc/group"]) await debian().write(f, await busybox().read(f));
    });

    it("shadow's useradd and groupadd stop on the name, Alpine's own ID or not", async () => {
      for (const line of KEPT) {
        const r = await debian().exec(["/bin/sh", "-c", line]);
        const name = line.split(" ").at(-1);
        expect([r.code, r.stderr], line).toEqual([
          9,
          expect.stringContaining(`'${name}' already exists`),
        ]);
      }
      const f = await debian().exec(["/bin/sh", "-c", "groupadd -f -o -g 500 cron && echo ok"]);
      expect([f.code, f.stdout]).toEqual([0, "ok\n"]);
      expect(await debian().read("etc/group")).toMatch(/^cron:x:16:/m);
      expect(await debian().read("etc/group")).not.toMatch(/:500:/);
    });

    it("the script as written stops in the busybox root too", async () => {
      for (const line of KEPT) {
        await busybox().write("entry.sh", script(line, "echo up"));
        const r = await busybox().exec(["/bin/sh", "/entry.sh"]);
        expect(r.code, line).not.toBe(0);
        expect(r.stdout, line).not.toContain("up");
      }
    });
  },
);
