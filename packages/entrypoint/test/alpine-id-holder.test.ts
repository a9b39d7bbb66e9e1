import { afterEach, describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

// Alpine's base image has www-data as GID 82 and ping as GID 999 (Debian has neither ID).
const SAME_NAME = [
  "groupadd -g 82 www-data",
  "groupadd -r --gid=82 www-data",
  "addgroup -S -g 999 ping",
];

const alpineIds = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => f.message);

describe("alpine-id: a group made with the GID Alpine's base group of the same name holds", () => {
  it("is no finding, before the rewrite or after it", () => {
    for (const line of SAME_NAME) {
      const text = `#!/bin/sh\nset -e\n${line}\n`;
      const result = rewriteEntrypoint(text);
      expect(result.output, line).toContain("alpinize_ensure_group ");
      expect(alpineIds(text), line).toEqual([]);
      expect(findingsLeftAfterRewrite(text, result).filter((f) => f.rule === "alpine-id")).toEqual(
        [],
      );
      expect(alpineIds(result.output), line).toEqual([]);
    }
  });

  it("another name for that GID still gets one", () => {
    expect(alpineIds("#!/bin/sh\ngroupadd -g 82 web\n")).toHaveLength(1);
    expect(alpineIds("#!/bin/sh\naddgroup -g 999 www-data\n")).toHaveLength(1);
  });
});

const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `the rewritten call in the musl busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("finds the group there and changes nothing", async () => {
      root = await makeRoot("busybox");
      const before = await root.read("etc/group");
      expect(before).toMatch(/^www-data:x:82:/m);
      const text = `#!/bin/sh\nset -e\n${SAME_NAME.join("\n")}\necho done\n`;
      await root.write("entry.sh", rewriteEntrypoint(text).output);
      const r = await root.exec(["/bin/sh", "/entry.sh"]);
      expect(r.stderr).toBe("");
      expect([r.code, r.stdout]).toEqual([0, "done\n"]);
      expect(await root.read("etc/group")).toBe(before);
      const strict = await root.sh("alpinize_ensure_group www-data 82 --strict");
      expect([strict.code, strict.stdout]).toEqual([0, "www-data\n"]);
    });
  },
);

// Alpine's base has the group www-data (GID 82) but no www-data user, so UID 82 is free.
const OWN_GROUP = "adduser -D -u 82 www-data";
const PRIMARY = "useradd -u 82 -g 82 -d /var/www -s /usr/sbin/nologin www-data";

describe("alpine-id: a www-data user made with UID 82", () => {
  it("busybox adduser without -G: says it fails and to pass -G www-data", () => {
    const [f] = lintEntrypoint(`#!/bin/sh\n${OWN_GROUP}\n`).filter((x) => x.rule === "alpine-id");
    expect(f?.message).toBe(
      `UID 82 is free on Alpine, but busybox adduser without -G also makes a group 'www-data' with GID 82, and Alpine's base has that group already (Alpine 3.23's base image, assumed for other releases): it fails with "uid '82' in use" and creates no user`,
    );
    expect(f?.fix).toBe(
      "add -G www-data to put the user in the base group (GID 82); addgroup www-data fails there, the name is taken",
    );
    expect(alpineIds(`#!/bin/sh\nadduser -D -u 82 -G www-data www-data\n`)).toEqual([]);
  });

  it("useradd -g 82 www-data, and its rewrite, are no finding: the primary group is www-data", () => {
    const text = `#!/bin/sh\nset -e\n${PRIMARY}\n`;
    const result = rewriteEntrypoint(text);
    expect(result.output).toContain("alpinize_ensure_user www-data 82 82 /var/www /sbin/nologin");
    expect(alpineIds(text)).toEqual([]);
    expect(alpineIds(result.output)).toEqual([]);
    // Another user given that GID still gets www-data as its primary group: warned.
    expect(alpineIds("#!/bin/sh\nuseradd -u 1000 -g 82 app\n")).toHaveLength(1);
    expect(alpineIds("#!/bin/sh\nalpinize_ensure_user app 1000 82 /app /bin/sh\n")).toHaveLength(1);
  });
});

describe.skipIf(reason !== undefined)(
  `www-data with UID 82 in the musl busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("adduser without -G fails, with -G www-data it works, addgroup www-data fails", async () => {
      root = await makeRoot("busybox");
      const before = await root.read("etc/passwd");
      expect(before).not.toMatch(/^www-data:/m);
      const raw = await root.exec(["/bin/sh", "-c", OWN_GROUP]);
      expect([raw.code, raw.stderr]).toEqual([1, "adduser: uid '82' in use\n"]);
      expect(await root.read("etc/passwd")).toBe(before);
      const group = await root.exec(["/bin/sh", "-c", "addgroup -g 1000 www-data"]);
      expect([group.code, group.stderr]).toEqual([1, "addgroup: group 'www-data' in use\n"]);
      const fixed = await root.exec(["/bin/sh", "-c", "adduser -D -H -u 82 -G www-data www-data"]);
      expect([fixed.code, fixed.stderr]).toEqual([0, ""]);
      expect(await root.read("etc/passwd")).toMatch(/^www-data:x:82:82:/m);
    });

    it("the rewritten useradd -u 82 -g 82 www-data makes the user in the base group", async () => {
      root = await makeRoot("busybox");
      await root.write(
        "entry.sh",
        rewriteEntrypoint(`#!/bin/sh\nset -e\n${PRIMARY}\necho done\n`).output,
      );
      const r = await root.exec(["/bin/sh", "/entry.sh"]);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, "done\n", ""]);
      expect(await root.read("etc/passwd")).toMatch(
        /^www-data:x:82:82:[^:]*:\/var\/www:\/sbin\/nologin$/m,
      );
      expect(await root.read("etc/group")).toMatch(/^www-data:x:82:/m);
    });
  },
);
