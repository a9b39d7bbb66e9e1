import { chmod, chown, mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeRoot, type RootOptions, skipReason, type TestRoot } from "./support/roots.js";

// alpinize_exec_as and the docker-socket case, with the privilege-dropping tools each root has:
// gosu (the host's static gosu binary) in the busybox root, gosu and util-linux setpriv on Debian.
const cases: { name: string; kind: "busybox" | "debian"; opts: RootOptions; tool: string }[] = [
  { name: "busybox + gosu", kind: "busybox", opts: { gosu: true }, tool: "gosu" },
  { name: "debian + gosu", kind: "debian", opts: {}, tool: "gosu" },
  { name: "debian + setpriv", kind: "debian", opts: { gosu: false }, tool: "setpriv" },
];

async function listenSocket(root: TestRoot, gid: number): Promise<Server> {
  await mkdir(join(root.dir, "run"), { recursive: true });
  const path = join(root.dir, "run/docker.sock");
  const server = createServer((c) => c.end("ok\n"));
  await new Promise<void>((res, rej) => server.once("error", rej).listen(path, res));
  await chown(path, 0, gid);
  await chmod(path, 0o660);
  return server;
}

for (const c of cases) {
  const reason = skipReason(c.kind);
  describe.skipIf(reason !== undefined)(
    `alpinize_exec_as on ${c.name}${reason ? ` (skipped: ${reason})` : ""}`,
    () => {
      let root: TestRoot | undefined;
      let server: Server | undefined;
      afterEach(async () => {
        server?.close();
        await root?.remove();
      });

      it("runs the command as the user with the supplementary groups from the files", async () => {
        root = await makeRoot(c.kind, c.opts);
        const r = await root.sh(
          [
            "alpinize_ensure_group charon 1000 >/dev/null",
            "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
            "alpinize_add_user_to_group charon users >/dev/null",
            "alpinize_exec_as charon sh -c 'id -u; id -G; echo \"$HOME\"'",
          ].join("\n"),
        );
        expect(r.stderr).toBe("");
        const [uid, groups, home] = r.stdout.trim().split("\n");
        expect(uid).toBe("1000");
        expect(groups?.split(" ").sort()).toEqual(["100", "1000"]);
        expect(home).toBe("/app");
        const tool = await root.sh(
          "command -v su-exec >/dev/null || command -v gosu >/dev/null || echo setpriv",
        );
        expect(tool.stdout.trim() || "gosu").toBe(c.tool);
      });

      it("gives the app user the docker socket's group (GID 999)", async () => {
        root = await makeRoot(c.kind, c.opts);
        server = await listenSocket(root, 999);
        const probe =
          "alpinize_exec_as charon sh -c '[ -w /run/docker.sock ] && echo writable || echo denied'";
        const r = await root.sh(
          [
            "alpinize_ensure_group charon 1000 >/dev/null",
            "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
            `(${probe})`,
            "gid=$(alpinize_socket_gid /run/docker.sock)",
            'group=$(alpinize_ensure_group docker "$gid")',
            'echo "gid=$gid group=$group"',
            'alpinize_add_user_to_group charon "$group"',
            probe,
          ].join("\n"),
        );
        expect(r.stderr).toBe("");
        const group = c.kind === "busybox" ? "ping" : "docker";
        expect(r.stdout).toBe(`denied\ngid=999 group=${group}\nchanged\nwritable\n`);
      });

      it("refuses an unknown user and reports a missing tool", async () => {
        root = await makeRoot(c.kind, c.opts);
        const unknown = await root.sh("alpinize_exec_as ghost true");
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("user 'ghost' does not exist");
        if (c.kind === "busybox") {
          await root.sh("rm /usr/sbin/gosu");
          const none = await root.sh("alpinize_exec_as nobody true");
          expect(none.code).toBe(5);
          expect(none.stderr).toContain("no su-exec, gosu or util-linux setpriv");
        }
      });
    },
  );
}
