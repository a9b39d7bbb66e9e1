import { execFile, spawn } from "node:child_process";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { findBinary, type StartedDockerd, startDockerd } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { charonScript, charonSkipReason, prepareCharon } from "./support/charon.js";
import { makeRoot, type RootKind, SHIMS_IN_ROOT, skipReason } from "./support/roots.js";

// The same roots as the chroot tests, turned into images with `docker import` and run by a real
// dockerd (vfs storage, no network), with a docker socket owned by GID 999 bind-mounted in.
const run = promisify(execFile);
const kinds: RootKind[] = ["busybox", "debian"];
const script = charonScript();
const reason =
  kinds.map((k) => skipReason(k)).find(Boolean) ??
  (findBinary("dockerd") && findBinary("docker") ? undefined : "dockerd or docker not installed") ??
  charonSkipReason();

async function importRoot(host: string, kind: RootKind, tag: string): Promise<void> {
  const root = await makeRoot(kind, { gosu: true });
  try {
    await prepareCharon(root, rewriteEntrypoint(script!).output);
    await new Promise<void>((resolve, reject) => {
      const tar = spawn("tar", ["-C", root.dir, "-c", "."], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const imp = spawn("docker", ["import", "-", tag], {
        env: { ...process.env, DOCKER_HOST: host },
        stdio: ["pipe", "ignore", "pipe"],
      });
      let err = "";
      imp.stderr.on("data", (c) => {
        err += c;
      });
      tar.stdout.pipe(imp.stdin);
      imp.on("close", (code) =>
        code === 0 ? resolve() : reject(new Error(`docker import: ${err}`)),
      );
    });
  } finally {
    await root.remove();
  }
}

describe.skipIf(reason !== undefined)(
  `shims in containers${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let dockerd: StartedDockerd;
    let host: string;
    let sockDir: string;
    let socket: Server;
    const docker = async (args: string[]) => {
      try {
        const r = await run("docker", args, {
          env: { ...process.env, DOCKER_HOST: host },
          timeout: 60_000,
        });
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const runIn = (kind: RootKind, cmd: string[]) =>
      docker([
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        `${join(sockDir, "docker.sock")}:/var/run/docker.sock`,
        `alpinize-test/${kind}:charon`,
        ...cmd,
      ]);

    beforeAll(async () => {
      dockerd = await startDockerd({ startTimeoutMs: 90_000 });
      host = `unix://${dockerd.socketPath}`;
      sockDir = await mkdtemp(join(tmpdir(), "alpinize-sock-"));
      await chmod(sockDir, 0o755);
      socket = createServer((c) => c.end());
      const path = join(sockDir, "docker.sock");
      await new Promise<void>((res, rej) => socket.once("error", rej).listen(path, res));
      await chown(path, 0, 999);
      await chmod(path, 0o660);
      await Promise.all(kinds.map((k) => importRoot(host, k, `alpinize-test/${k}:charon`)));
    }, 240_000);

    afterAll(async () => {
      socket?.close();
      await dockerd?.stop();
      if (sockDir) await rm(sockDir, { recursive: true, force: true });
    }, 60_000);

    for (const kind of kinds) {
      it(`${kind}: the rewritten Charon entrypoint lets charon use the docker socket`, async () => {
        const r = await runIn(kind, ["/docker-entrypoint.sh"]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain("Docker integration enabled for charon user");
        const lines = r.stdout.split("\n");
        const at = lines.findIndex((l) => l === "docker-ok" || l === "docker-denied");
        expect(lines[at]).toBe("docker-ok");
        expect(lines[at - 2]).toBe("1000");
        expect(lines[at - 1]?.split(" ")).toContain("999");
      }, 60_000);

      it(`${kind}: the shims give a user the socket's group and drop privileges to it`, async () => {
        const flow = [
          `. ${SHIMS_IN_ROOT}`,
          "gid=$(alpinize_socket_gid /var/run/docker.sock)",
          'g=$(alpinize_ensure_group docker "$gid")',
          'echo "group=$g"',
          'alpinize_add_user_to_group charon "$g"',
          'alpinize_add_user_to_group charon "$g"',
          "alpinize_exec_as charon sh -c 'id -u; [ -w /var/run/docker.sock ] && echo writable'",
        ].join("\n");
        const r = await runIn(kind, ["/bin/sh", "-euc", flow]);
        expect(r.stderr).toBe("");
        const group = kind === "busybox" ? "ping" : "docker";
        expect(r.stdout).toBe(`group=${group}\nchanged\nunchanged\n1000\nwritable\n`);
      }, 60_000);
    }
  },
);
