import { writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { startProcess, waitUntil } from "./process.js";
import { requireBinary } from "./require-binary.js";
import { makeTempDir, removeTempDir } from "./temp-dir.js";

export interface StartDockerdOptions {
  /** `--registry-mirror` URLs (Docker Hub pulls only). */
  registryMirrors?: string[];
  /** `--insecure-registry` hosts; 127.0.0.0/8 is insecure by default already. */
  insecureRegistries?: string[];
  /** How long to wait for `/_ping` (default 60 s: the first start initialises containerd). */
  startTimeoutMs?: number;
}

export interface StartedDockerd {
  /** The daemon's API socket, for dockerode's `socketPath` or `DOCKER_HOST=unix://…`. */
  socketPath: string;
  /** Stops the daemon's process group (containerd included) and deletes its directories. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's dockerd on a private unix socket with every directory in a temp dir and no
 * networking side effects (no bridge, no iptables), so it never touches a system daemon.
 */
export async function startDockerd(options: StartDockerdOptions = {}): Promise<StartedDockerd> {
  const binary = requireBinary("dockerd");
  requireBinary("containerd");
  requireBinary("runc");
  const dir = await makeTempDir("dockerd");
  const socketPath = join(dir, "docker.sock");
  const configFile = join(dir, "daemon.json");
  await writeFile(configFile, "{}\n");
  const args = [
    `--host=unix://${socketPath}`,
    `--data-root=${join(dir, "data")}`,
    `--exec-root=${join(dir, "exec")}`,
    `--pidfile=${join(dir, "dockerd.pid")}`,
    `--config-file=${configFile}`,
    "--storage-driver=vfs",
    "--bridge=none",
    "--iptables=false",
    "--ip6tables=false",
    "--ip-masq=false",
    ...(options.registryMirrors ?? []).map((m) => `--registry-mirror=${m}`),
    ...(options.insecureRegistries ?? []).map((h) => `--insecure-registry=${h}`),
  ];
  const proc = startProcess(binary, args, {
    cleanupDir: dir,
    env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", HOME: dir },
  });
  try {
    await waitUntil(
      async () => {
        if (proc.child.exitCode !== null) throw new Error("exited");
        return (await ping(socketPath)) === "OK";
      },
      options.startTimeoutMs ?? 60_000,
      () => `dockerd did not answer /_ping on ${socketPath}:\n${proc.tail()}`,
    );
  } catch (err) {
    await proc.stop();
    await removeTempDir(dir);
    throw err;
  }
  return {
    socketPath,
    stop: async () => {
      await proc.stop(20_000);
      await removeTempDir(dir);
    },
  };
}

function ping(socketPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: "/_ping", method: "GET", timeout: 2000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.end();
  });
}
