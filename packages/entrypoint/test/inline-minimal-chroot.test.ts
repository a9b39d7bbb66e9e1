import { rm } from "node:fs/promises";
import { join } from "node:path";
import { REDIS_ENTRYPOINT } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { makeRoot, SHIMS_IN_ROOT, skipReason, type TestRoot } from "./support/roots.js";

// An entrypoint rewritten with only the shims it calls inlined, run in the busybox (musl) root
// with gosu and without the library file: what the block leaves out is never needed.
const reason = skipReason("busybox");

const GOSU_ONLY = REDIS_ENTRYPOINT;

const PROBE = ["sh", "-c", 'id -u; id -G; echo "$HOME"'];
const defines = (text: string) => [...text.matchAll(/^(alpinize_\w+)\(\) \{/gm)].map((m) => m[1]);

describe.skipIf(reason !== undefined)(
  `minimal inlined shims on busybox (musl)${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
      root = undefined;
    });

    async function rootWith(entrypoint: string): Promise<TestRoot> {
      const r = await makeRoot("busybox", { gosu: true });
      await rm(join(r.dir, SHIMS_IN_ROOT.slice(1)));
      const made = await r.exec([
        "/bin/sh",
        "-c",
        "addgroup -g 1000 redis && adduser -D -H -u 1000 -G redis -h /data -s /sbin/nologin redis && mkdir /data",
      ]);
      expect(made.stderr).toBe("");
      await r.write("entrypoint.sh", entrypoint);
      return r;
    }

    it("a gosu-only entrypoint carries alpinize_exec_as alone, and it drops to the user", async () => {
      const rewritten = rewriteEntrypoint(GOSU_ONLY, { shimSource: "inline" }).output;
      expect(defines(rewritten)).toEqual(["alpinize_exec_as"]);
      root = await rootWith(rewritten);
      const r = await root.exec(["/bin/sh", "/entrypoint.sh", ...PROBE]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("1000\n1000\n/data\n");
      const missing = await rootWith(rewritten.replace(" redis ", " ghost "));
      try {
        const refused = await missing.exec(["/bin/sh", "/entrypoint.sh", "touch", "/ran"]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain("user 'ghost' does not exist");
        await expect(missing.read("ran")).rejects.toThrow();
      } finally {
        await missing.remove();
      }
    });

    it("a block completed for a later gosu call creates the group and drops to the user", async () => {
      const first = rewriteEntrypoint("#!/bin/sh\nset -e\ngroupadd -g 2000 web\n", {
        shimSource: "inline",
      }).output;
      expect(defines(first)).not.toContain("alpinize_exec_as");
      const grown = rewriteEntrypoint(`${first}exec gosu redis:web "$@"\n`, {
        shimSource: "inline",
      }).output;
      expect(defines(grown)).toContain("alpinize_exec_as");
      expect(defines(grown)).not.toContain("alpinize_ensure_user");
      root = await rootWith(grown);
      const r = await root.exec(["/bin/sh", "/entrypoint.sh", ...PROBE]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("1000\n2000\n/data\n");
      expect(await root.read("etc/group")).toMatch(/^web:x:2000:$/m);
    });
  },
);
