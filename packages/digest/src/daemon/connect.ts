import Docker from "dockerode";

export interface DaemonConnection {
  /** A unix socket path (`/var/run/docker.sock`). */
  socketPath?: string;
  /** Or a TCP daemon. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

/** Where the daemon is: DOCKER_HOST (unix:// or tcp://), else /var/run/docker.sock. */
export function daemonFromEnv(env: Readonly<Record<string, string | undefined>>): DaemonConnection {
  const value = env.DOCKER_HOST;
  if (!value) return { socketPath: "/var/run/docker.sock" };
  if (value.startsWith("unix://")) return { socketPath: value.slice("unix://".length) };
  const url = new URL(value.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? "https:" : "http:"));
  return {
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 2376 : 2375)),
    protocol: url.protocol === "https:" ? "https" : "http",
  };
}

export function connectDaemon(connection: DaemonConnection): Docker {
  return new Docker({ ...connection, timeout: 60_000 });
}

export function describeDaemon(connection: DaemonConnection): string {
  return connection.socketPath
    ? `unix://${connection.socketPath}`
    : `${connection.protocol ?? "http"}://${connection.host}:${connection.port}`;
}
