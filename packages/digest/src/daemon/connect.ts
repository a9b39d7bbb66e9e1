import { InputError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import Docker from "dockerode";

export interface DaemonConnection {
  /** A unix socket path (`/var/run/docker.sock`). */
  socketPath?: string;
  /** Or a TCP daemon. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

const SCHEMES =
  "unix:///path/to/docker.sock, tcp://HOST[:PORT] (port 2375, 2376 with DOCKER_TLS_VERIFY) or npipe:////./pipe/NAME";

/**
 * Where the daemon is: DOCKER_HOST (unix://, tcp://, npipe://), else /var/run/docker.sock.
 * Anything else is refused here, before a connection or a DNS lookup is tried.
 */
export function daemonFromEnv(env: Readonly<Record<string, string | undefined>>): DaemonConnection {
  const raw = env.DOCKER_HOST;
  // Empty is unset, as for Docker's own client; blanks are a mistake (an unquoted or failed
  // substitution), and falling back to the local socket would ask another daemon in silence.
  if (raw === undefined || raw === "") return { socketPath: "/var/run/docker.sock" };
  const value = raw.trim();
  if (value === "")
    throw badHost(
      raw,
      "it is blank (only spaces); leave it empty or unset it for the local socket",
    );
  // ' unix:///x' is refused, not trimmed: the blank says the value was not the one meant.
  if (value !== raw)
    throw badHost(raw, "it has spaces or line breaks around the address; remove them");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  const rest = scheme ? value.slice(scheme.length + 3) : "";
  if (scheme === "unix" || scheme === "npipe") {
    // npipe:////./pipe/docker_engine names the pipe //./pipe/docker_engine.
    if (rest === "") throw badHost(value, `${scheme}:// needs a path`);
    return { socketPath: rest };
  }
  if (scheme !== "tcp") {
    const why = scheme
      ? `the scheme ${scheme}:// is not one alpinize can use${scheme === "ssh" ? " (ssh:// needs the docker CLI)" : ""}`
      : "it has no scheme";
    throw badHost(value, why);
  }
  let url: URL;
  try {
    url = new URL(`${env.DOCKER_TLS_VERIFY ? "https" : "http"}://${rest}`);
  } catch {
    throw badHost(value, "it is not a valid tcp://HOST[:PORT] address");
  }
  if (!url.hostname || (url.pathname !== "/" && url.pathname !== "") || url.search || url.username)
    throw badHost(value, "a tcp:// address is HOST[:PORT] and nothing else");
  // No port: Docker's client defaults, 2375 plain and 2376 with TLS.
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: Number(url.port || (url.protocol === "https:" ? 2376 : 2375)),
    protocol: url.protocol === "https:" ? "https" : "http",
  };
}

function badHost(value: string, why: string): InputError {
  // A user:password@ part is not repeated in the message.
  const shown = escapeInline(value.replace(/\/\/[^/@]*@/, "//…@"));
  return new InputError("ALPINIZE_DIGEST_BAD_DOCKER_HOST", `DOCKER_HOST=${shown}: ${why}`, {
    hint: `Set DOCKER_HOST to ${SCHEMES}, or unset it to use /var/run/docker.sock; or use --via registry.`,
    details: { variable: "DOCKER_HOST" },
  });
}

export function connectDaemon(connection: DaemonConnection): Docker {
  return new Docker({ ...connection, timeout: 60_000 });
}

export function describeDaemon(connection: DaemonConnection): string {
  return connection.socketPath
    ? `unix://${connection.socketPath}`
    : `${connection.protocol ?? "http"}://${connection.host}:${connection.port}`;
}
