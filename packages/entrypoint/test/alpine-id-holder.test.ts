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
