import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

// A file the tools cannot replace: `chattr +i` makes even root's rename over it fail, as a
// read-only bind mount would. Needs a file system with attributes (ext4, xfs; not tmpfs).
function immutable(path: string, on: boolean): boolean {
  try {
    execFileSync("chattr", [on ? "+i" : "-i", path], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

const leftovers = (root: TestRoot) =>
  readdirSync(join(root.dir, "etc")).filter((n) => n.includes(".alpinize"));

const kinds: RootKind[] = ["busybox", "debian"];
for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`shims with a read-only /etc file on ${kind}`, () => {
    let root: TestRoot | undefined;
    const locked: string[] = [];
    afterEach(async () => {
      for (const p of locked.splice(0)) immutable(p, false);
      await root?.remove();
    });
    const lock = (rel: string) => {
      const p = join(root!.dir, rel);
      if (!immutable(p, true)) return false;
      locked.push(p);
      return true;
    };

    it("the files backend changes a file and its shadow file together or not at all", async (t) => {
      root = await makeRoot(kind);
      const files = { ALPINIZE_BACKEND: "files" };
      // Alpine has no /etc/gshadow; give the busybox root one so the pair is exercised there too.
      if (kind === "busybox") await root.write("etc/gshadow", "root:::\nusers:!::\n");
      const group = await root.read("etc/group");
      const passwd = await root.read("etc/passwd");
      if (!lock("etc/gshadow") || !lock("etc/shadow")) {
        t.skip("chattr +i does not work on this file system (tmpfs?)");
        return;
      }
      const g = await root.sh("alpinize_ensure_group g1 4100", { env: files });
      expect(g.code).toBe(1);
      expect(g.stderr).toContain(
        "could not replace /etc/gshadow (read-only?); /etc/group was put back as it was",
      );
      const m = await root.sh("alpinize_add_user_to_group daemon users", { env: files });
      expect(m.code).toBe(1);
      const u = await root.sh("alpinize_ensure_user u1 4100 users /x /bin/sh", { env: files });
      expect(u.code).toBe(1);
      expect(u.stderr).toContain("/etc/passwd was put back as it was");
      expect(await root.read("etc/group")).toBe(group);
      expect(await root.read("etc/passwd")).toBe(passwd);
      expect(leftovers(root)).toEqual([]);
      for (const p of locked.splice(0)) immutable(p, false);
      // Once writable, a second run does the whole change: no `unchanged` on half a change.
      const again = await root.sh(
        "alpinize_ensure_group g1 4100\nalpinize_add_user_to_group daemon users",
        { env: files },
      );
      expect(again).toMatchObject({ code: 0, stdout: "g1\nchanged\n" });
      expect(await root.read("etc/gshadow")).toMatch(/^g1:!::$/m);
      expect(await root.read("etc/gshadow")).toMatch(/^users:[^:]*:[^:]*:(.*,)?daemon$/m);
    });

    it.skipIf(kind !== "busybox")(
      "busybox: a read-only /etc is reported as such, without a direct-edit fallback",
      async (t) => {
        root = await makeRoot(kind);
        const group = await root.read("etc/group");
        if (!lock("etc/group") || !lock("etc/passwd")) {
          t.skip("chattr +i does not work on this file system (tmpfs?)");
          return;
        }
        const g = await root.sh("alpinize_ensure_group g1 4100");
        expect(g.code).toBe(1);
        expect(g.stderr).toContain("addgroup: /etc/group: Operation not permitted");
        expect(g.stderr).toContain("busybox addgroup failed; nothing was written directly");
        expect(g.stderr).not.toContain("writing /etc/group directly");
        const u = await root.sh("alpinize_ensure_user u1 4100 users /x /bin/sh");
        expect(u.code).toBe(1);
        expect(u.stderr).toContain("busybox adduser failed; nothing was written directly");
        expect(u.stderr).not.toContain("directly;");
        expect(await root.read("etc/group")).toBe(group);
        expect(leftovers(root)).toEqual([]);
      },
    );
  });
}
