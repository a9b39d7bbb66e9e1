import { afterEach, describe, expect, it } from "vitest";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

// What `alpinize check` asserts about busybox adduser (rule alpine-id-taken in @alpinize/repo),
// checked against the musl busybox with Alpine's own /etc/passwd and /etc/group.
const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)("busybox adduser -u N without -G", () => {
  let root: TestRoot | undefined;
  afterEach(async () => {
    await root?.remove();
  });

  it("fails when Alpine's base holds GID N, though UID N is free", async () => {
    root = await makeRoot("busybox");
    for (const uid of ["999", "27", "100"]) {
      const r = await root.exec(["/bin/sh", "-c", `adduser -D -H -u ${uid} app${uid}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`uid '${uid}' in use`);
    }
    expect(await root.read("etc/passwd")).not.toContain("app999");
  });

  it("works with -G, as a system user (-S goes into nogroup), or with a free GID", async () => {
    root = await makeRoot("busybox");
    const script = [
      "adduser -D -H -u 999 -G users a",
      "adduser -S -D -H -u 998 b",
      "adduser -D -H -u 3000 c",
      "grep -E '^(a|b|c):' /etc/passwd | cut -d: -f1,3,4",
    ].join(" && ");
    const r = await root.exec(["/bin/sh", "-c", script]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("a:999:100\nb:998:65533\nc:3000:3000\n");
  });
});
