import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

// `usermod -aG "$EXTRA_GROUPS" app` takes a comma-separated list at run time; the shim must too,
// on busybox (Alpine's /etc) and with Debian's shadow tools.
const kinds: RootKind[] = ["busybox", "debian"];

for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`group lists on ${kind}`, () => {
    let root: TestRoot;
    beforeEach(async () => {
      root = await makeRoot(kind);
      const r = await root.sh(
        "alpinize_ensure_group app 1000 >/dev/null\nalpinize_ensure_user app 1000 app /app /sbin/nologin",
      );
      expect(r.code).toBe(0);
    });
    afterEach(async () => {
      await root?.remove();
    });

    const member = async (group: string) =>
      (await root.sh(`alpinize_user_in_group app ${group} && echo yes || echo no`)).stdout.trim();

    it("adds each member of a list held in a variable (the rewritten usermod -aG)", async () => {
      const script = 'EXTRA_GROUPS="video,audio"\nusermod -aG "$EXTRA_GROUPS" app\n';
      const out = rewriteEntrypoint(script).output.replace(/^\. .*$/m, ":");
      expect(out).toContain('alpinize_add_user_to_group app "$EXTRA_GROUPS"');
      await root.write("entry.sh", out);
      const run = await root.sh(". /entry.sh");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect([await member("video"), await member("audio")]).toEqual(["yes", "yes"]);
      const again = await root.sh('alpinize_add_user_to_group app "video,audio"');
      expect(again).toMatchObject({ code: 0, stdout: "unchanged\n" });
    });

    it("takes GIDs in the list and prints changed when any member was added", async () => {
      await root.sh("alpinize_add_user_to_group app video >/dev/null");
      const gid = (await root.sh("_alpinize_group_gid audio")).stdout.trim();
      const r = await root.sh(`alpinize_add_user_to_group app "video,${gid}"`);
      expect(r).toMatchObject({ code: 0, stdout: "changed\n", stderr: "" });
      expect(await member("audio")).toBe("yes");
    });

    it.each([
      ["video,,audio", "empty group name"],
      ["video,audio,", "empty group name"],
      ["video,nosuchgroup", "group 'nosuchgroup' does not exist"],
      ["video,0", "refusing GID 0"],
    ])("refuses %j and changes nothing, as usermod does", async (list, message) => {
      const before = await root.read("etc/group");
      const r = await root.sh(`alpinize_add_user_to_group app "${list}"`);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(await root.read("etc/group")).toBe(before);
    });
  });
}
