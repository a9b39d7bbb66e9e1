import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../free-port.js";
import { type ManagedProcess, startProcess, waitUntil } from "../process.js";
import { requireBinary } from "../require-binary.js";
import { makeTempDir, removeTempDir } from "../temp-dir.js";
import { type AccessLogEntry, parseAccessLine } from "./access-log.js";
import { makeSigningMaterial } from "./certs.js";
import { registryConfig } from "./config.js";
import { startTokenServer, type TokenRequest, type TokenServer } from "./token-server.js";

const run = promisify(execFile);

export type RegistryAuth = "none" | "htpasswd" | "token";

export interface StartRegistryOptions {
  auth?: RegistryAuth;
  /** user → password, for htpasswd and token auth. Default: `{ alice: "wonderland-pass" }`. */
  users?: Record<string, string>;
  /** Token auth: user → identity (refresh) token accepted by the token server's POST. */
  refreshTokens?: Record<string, string>;
  /** Token auth: "first" grants only the first `scope` of a multi-scope request. */
  tokenScopeMode?: "all" | "first";
  /** Token auth: seconds a token lives. */
  tokenExpiresIn?: number;
  /** Token auth: refuse anonymous token requests (a private registry). */
  tokenRequireAuth?: boolean;
}

export interface StartedRegistry {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, the registry part of image references. */
  host: string;
  port: number;
  auth: RegistryAuth;
  users: Record<string, string>;
  /** Token auth only: the realm URL. */
  tokenUrl?: string;
  /** Token auth only: the `service` the registry names in its challenge. */
  tokenService?: string;
  /** The access log so far, after the registry has had a moment to flush it. */
  accessLog(): Promise<AccessLogEntry[]>;
  /** Token auth only: every request the token server has answered, in order. */
  tokenRequests?: () => TokenRequest[];
  /** Stops the registry (and token server) and deletes its storage. Call it in afterAll. */
  stop(): Promise<void>;
}

export const DEFAULT_USERS: Record<string, string> = { alice: "wonderland-pass" };

/** Starts Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 on a free port. */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<StartedRegistry> {
  const binary = requireBinary("docker-registry");
  const auth = options.auth ?? "none";
  const users = options.users ?? DEFAULT_USERS;
  const dir = await makeTempDir("registry");
  let token: TokenServer | undefined;
  let proc: ManagedProcess | undefined;
  try {
    const port = await freePort();
    const authConfig = await prepareAuth(auth, dir, users, options);
    token = authConfig.token;
    const configPath = join(dir, "config.yml");
    await writeFile(
      configPath,
      registryConfig({ port, storageDir: join(dir, "storage"), auth: authConfig.config }),
    );
    const log: AccessLogEntry[] = [];
    let lastLine = Date.now();
    proc = startProcess(binary, ["serve", configPath], {
      cleanupDir: dir,
      onStdoutLine: (line) => {
        const entry = parseAccessLine(line);
        if (entry) log.push(entry);
        lastLine = Date.now();
      },
    });
    const started = proc;
    await waitUntil(
      async () => {
        if (started.child.exitCode !== null) throw new Error("exited");
        const res = await fetch(`http://127.0.0.1:${port}/v2/`);
        await res.arrayBuffer();
        return res.status === 200 || res.status === 401;
      },
      15_000,
      () => `docker-registry did not answer on 127.0.0.1:${port}:\n${started.tail()}`,
    );
    const tokenServer = token;
    return {
      url: `http://127.0.0.1:${port}`,
      host: `127.0.0.1:${port}`,
      port,
      auth,
      users,
      ...(tokenServer
        ? {
            tokenUrl: tokenServer.url,
            tokenService: TOKEN_SERVICE,
            tokenRequests: () => tokenServer.requests(),
          }
        : {}),
      accessLog: async () => {
        await settle(() => lastLine);
        return [...log];
      },
      stop: async () => {
        await started.stop();
        await tokenServer?.close();
        await removeTempDir(dir);
      },
    };
  } catch (err) {
    await proc?.stop();
    await token?.close();
    await removeTempDir(dir);
    throw err;
  }
}

const TOKEN_SERVICE = "alpinize-test-registry";
const TOKEN_ISSUER = "alpinize-test-issuer";

async function prepareAuth(
  auth: RegistryAuth,
  dir: string,
  users: Record<string, string>,
  options: StartRegistryOptions,
) {
  if (auth === "none") return { config: { kind: "none" as const } };
  if (auth === "htpasswd") {
    const path = join(dir, "htpasswd");
    await writeFile(path, await htpasswdLines(users));
    return { config: { kind: "htpasswd" as const, path } };
  }
  const material = await makeSigningMaterial(dir);
  const token = await startTokenServer(material, {
    service: TOKEN_SERVICE,
    issuer: TOKEN_ISSUER,
    users,
    refreshTokens: options.refreshTokens,
    scopeMode: options.tokenScopeMode,
    expiresIn: options.tokenExpiresIn,
    requireAuth: options.tokenRequireAuth,
  });
  return {
    token,
    config: {
      kind: "token" as const,
      realm: token.url,
      service: TOKEN_SERVICE,
      issuer: TOKEN_ISSUER,
      rootCertPath: material.certPath,
    },
  };
}

/** bcrypt lines, the only hash distribution's htpasswd accepts. */
async function htpasswdLines(users: Record<string, string>): Promise<string> {
  const htpasswd = requireBinary("htpasswd");
  const lines: string[] = [];
  for (const [user, password] of Object.entries(users)) {
    const { stdout } = await run(htpasswd, ["-nbB", user, password]);
    lines.push(stdout.trim());
  }
  return `${lines.join("\n")}\n`;
}

/** The registry writes a log line just after the response: wait until it has been quiet. */
async function settle(lastLine: () => number): Promise<void> {
  const deadline = Date.now() + 2000;
  await new Promise((resolve) => setTimeout(resolve, 60));
  while (Date.now() - lastLine() < 100 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
