import { rm } from "node:fs/promises";
import type { Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { charonScript, charonSkipReason, dockerSocket, prepareCharon } from "./support/charon.js";
import {
  makeRoot,
  type RootKind,
  SHIMS_IN_ROOT,
  skipReason,
  type TestRoot,
} from "./support/roots.js";

// Charon's Debian entrypoint, as published and as rewritten by alpinize, run as PID 1 of a chroot
// with a docker socket owned by GID 999 (Alpine's ping group, free on Debian).
const script = charonScript();

for (const kind of ["busybox", "debian"] as RootKind[]) {
  const reason = skipReason(kind) ?? charonSkipReason();
  describe.skipIf(reason !== undefined)(
    `Charon's docker-socket scenario on ${kind}${reason ? ` (skipped: ${reason})` : ""}`,
    () => {
      let root: TestRoot | undefined;
      let socket: Server | undefined;
      afterEach(async () => {
        socket?.close();
        await root?.remove();
      });

      async function start(entrypoint: string) {
        root = await makeRoot(kind, { gosu: true });
        await prepareCharon(root, entrypoint);
        socket = await dockerSocket(root, 999);
        const r = await root.exec(["/docker-entrypoint.sh"]);
        const out = await root.read("app/data/charon.out").catch(() => "");
        return { ...r, out };
      }

      it("the rewritten entrypoint gives charon the socket's group", async () => {
        const r = await start(rewriteEntrypoint(script!).output);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain("Docker integration enabled for charon user");
        const [uid, groups, access] = r.out.trim().split("\n");
        expect(uid).toBe("1000");
        expect(groups?.split(" ")).toContain("999");
        expect(access).toBe("docker-ok");
        const group = kind === "busybox" ? "ping" : "docker";
        expect(await root!.read("etc/group")).toMatch(
          new RegExp(`^${group}:x:999:(.*,)?charon$`, "m"),
        );
      });

      it("the rewritten entrypoint with the shims inlined needs no library file", async () => {
        root = await makeRoot(kind, { gosu: true });
        await rm(join(root.dir, SHIMS_IN_ROOT.slice(1)));
        await prepareCharon(root, rewriteEntrypoint(script!, { shimSource: "inline" }).output);
        socket = await dockerSocket(root, 999);
        const r = await root.exec(["/docker-entrypoint.sh"]);
        expect(r.code, r.stderr).toBe(0);
        expect((await root.read("app/data/charon.out")).trim().split("\n")[2]).toBe("docker-ok");
      });

      it(
        kind === "busybox"
          ? "the original entrypoint silently leaves charon without it"
          : "the original entrypoint works here too (shadow tools present)",
        async () => {
          const r = await start(script!);
          expect(r.code).toBe(0);
          expect(r.out.trim().split("\n")[2]).toBe(
            kind === "busybox" ? "docker-denied" : "docker-ok",
          );
        },
      );
    },
  );
}
