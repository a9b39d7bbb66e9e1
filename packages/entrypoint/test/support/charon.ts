import { existsSync, lstatSync, readFileSync } from "node:fs";
import { chmod, chown, mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import type { TestRoot } from "./roots.js";

export const CHARON_SCRIPT = corpusPath("charon", "debian-trixie.entrypoint.sh");

/** Why the Charon tests are skipped (the shared corpus is not found), or undefined. */
export const charonSkipReason = (): string | undefined => corpusSkipReason(CHARON_SCRIPT);

export function charonScript(): string | undefined {
  return existsSync(CHARON_SCRIPT) ? readFileSync(CHARON_SCRIPT, "utf8") : undefined;
}

// Stand-ins for the programs the entrypoint starts: the app reports who it runs as and whether it
// can use the docker socket, then exits, which makes the entrypoint shut down with status 0.
const STUBS: Record<string, string> = {
  "app/charon":
    "#!/bin/sh\n{ id -u; id -G; if [ -w /var/run/docker.sock ]; then echo docker-ok; else echo docker-denied; fi; } | tee /app/data/charon.out\n",
  "usr/local/bin/caddy": "#!/bin/sh\nexec sleep 30\n",
  "usr/local/bin/curl": "#!/bin/sh\nexit 0\n",
};

/**
 * Makes the root look like Charon's image after its Dockerfile ran: the charon user (created
 * with the system's own tools, as the Dockerfile does), its directories, and the entrypoint.
 */
export async function prepareCharon(root: TestRoot, entrypoint: string): Promise<void> {
  const create =
    root.kind === "busybox"
      ? "addgroup -g 1000 charon && adduser -D -H -u 1000 -G charon -h /app -s /sbin/nologin charon"
      : "groupadd -g 1000 charon && useradd -u 1000 -g charon -d /app -s /usr/sbin/nologin -M charon";
  const made = await root.exec(["/bin/sh", "-c", create]);
  if (made.code !== 0) throw new Error(`creating charon failed: ${made.stderr}`);
  for (const d of ["app/data", "app/plugins", "config", "usr/local/bin"]) {
    await mkdir(join(root.dir, d), { recursive: true });
  }
  for (const [path, text] of Object.entries(STUBS)) {
    await writeFile(join(root.dir, path), text, { mode: 0o755 });
  }
  for (const d of ["app", "app/data", "app/plugins", "config"])
    await chown(join(root.dir, d), 1000, 1000);
  await writeFile(join(root.dir, "docker-entrypoint.sh"), entrypoint, { mode: 0o755 });
}

/** The host path of the root's /var/run, without following a symlink out of the root. */
export function varRun(root: TestRoot): string {
  const p = join(root.dir, "var/run");
  return existsSync(p) && lstatSync(p).isSymbolicLink() ? join(root.dir, "run") : p;
}

/** A listening unix socket at the root's /var/run/docker.sock, owned by root:GID, mode 660. */
export async function dockerSocket(root: TestRoot, gid: number): Promise<Server> {
  const dir = varRun(root);
  await mkdir(dir, { recursive: true });
  const path = join(dir, "docker.sock");
  const server = createServer((c) => c.end());
  await new Promise<void>((res, rej) => server.once("error", rej).listen(path, res));
  await chown(path, 0, gid);
  await chmod(path, 0o660);
  return server;
}
