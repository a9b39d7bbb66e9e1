import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { freshRootEach, skipReason } from "./support/roots.js";

const script = (...lines: string[]) => ["#!/bin/sh", "set -e", ...lines, ""].join("\n");

// Alpine's base has group cron with GID 16: `groupadd -g 500 cron` becomes a shim call that makes
// cron500, so a later `cron` is Alpine's group. The group-name warning spoke of a GID another group
// may hold and of 'cron' not existing; it now names cron500 and GID 16.
const LINES = [
  "groupadd -g 500 cron",
  "grep -w cron /etc/group | cut -d: -f3",
  'sh -c "grep -w cron /etc/group | cut -d: -f3"',
];
const NAMED =
  "on Alpine 'cron' is a base group with GID 16 (Alpine 3.23's base image, assumed for other releases): alpinize_ensure_group makes 'cron500' ('cron_500' when a group 'cron500' exists already; with both taken it exits 3 and makes none) with GID 500 instead (or reuses a group a package or an earlier step gave GID 500), and 'cron' here names GID 16, not the group made";

const groupNames = (text: string) => ({
  rewrite: rewriteEntrypoint(text)
    .warnings.filter((w) => w.rule === "group-name")
    .map((w) => w.message),
  lint: lintEntrypoint(text)
    .filter((f) => f.rule === "group-name")
    .map((f) => f.message),
});

describe("group-name: a later use of a base group's name made with another GID", () => {
  it("names the group the shim makes (cron500) and Alpine's GID, in rewrite and lint", () => {
    const { rewrite, lint } = groupNames(script(...LINES));
    expect(rewrite).toEqual([
      `group 'cron' was created with GID 500 earlier; ${NAMED}: refer to the group by its GID here`,
      `group 'cron' was created with GID 500 earlier and is named inside a string another shell runs (sh -c), which is not rewritten; ${NAMED}: refer to the group by its GID in the string`,
    ]);
    expect(lint).toEqual([
      `group 'cron' was made with GID 500 earlier and is named again; ${NAMED}`,
      `group 'cron' was made with GID 500 earlier and is named again inside a string another shell runs (sh -c); ${NAMED}`,
    ]);
    for (const m of [...rewrite, ...lint]) expect(m).not.toContain("may not exist");
  });

  it("a GID another base group holds: the shim reuses it, and cron is still Alpine's", () => {
    const { rewrite } = groupNames(script("groupadd -g 999 cron", "getent group cron"));
    expect(rewrite).toEqual([
      expect.stringContaining(
        "on Alpine 'cron' is a base group with GID 16 (Alpine 3.23's base image, assumed for other releases): ping holds GID 999 there, so alpinize_ensure_group reuses ping, and 'cron' here names GID 16",
      ),
    ]);
  });

  it("a name Alpine lacks, or Alpine's own GID, keeps its message", () => {
    expect(groupNames(script("groupadd -g 999 docker", "getent group docker")).rewrite).toEqual([
      expect.stringContaining("so alpinize_ensure_group reuses it and 'docker' does not exist"),
    ]);
    const own = groupNames(script("groupadd -g 16 cron", "getent group cron")).rewrite;
    expect(own.join("\n")).not.toContain("base group with GID");
  });
});

// The warning's facts, run in the musl busybox root with Alpine's base files and the real shims.
const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `the rewritten script in the busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    const root = freshRootEach("busybox");

    it("cron keeps GID 16 and the GID 500 group is cron500", async () => {
      await root().write("entry.sh", rewriteEntrypoint(script(...LINES)).output);
      const r = await root().exec(["/bin/sh", "/entry.sh"]);
      expect([r.code, r.stdout]).toEqual([0, "16\n16\n"]);
      expect(await root().read("etc/group")).toMatch(/^cron500:x:500:$/m);
    });
  },
);
