import { createPrivateKey, randomUUID, sign } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SigningMaterial } from "./certs.js";

export interface TokenRequest {
  method: string;
  /** The `scope` parameters as sent, in order. */
  scopes: string[];
  service: string | undefined;
  /** The authenticated user, or undefined for anonymous requests. */
  account: string | undefined;
  /** How the caller authenticated. */
  via: "anonymous" | "basic" | "refresh_token";
  /** HTTP status the server answered. */
  status: number;
}

export interface TokenServerOptions {
  service: string;
  issuer: string;
  users: Record<string, string>;
  /** Per user: a refresh token (identity token) that also authenticates that user. */
  refreshTokens?: Record<string, string>;
  /** "first" imitates registries that grant only the first `scope` parameter. */
  scopeMode?: "all" | "first";
  /** Seconds a token is valid (also sent as expires_in). */
  expiresIn?: number;
  /** Refuse anonymous callers (private registry) instead of granting pull. */
  requireAuth?: boolean;
}

export interface TokenServer {
  url: string;
  port: number;
  requests(): TokenRequest[];
  close(): Promise<void>;
}

interface Caller {
  account: string | undefined;
  via: TokenRequest["via"];
}

/** A tiny ES256 token server for distribution's `auth.token`; it counts every request. */
export async function startTokenServer(
  material: SigningMaterial,
  options: TokenServerOptions,
): Promise<TokenServer> {
  const key = createPrivateKey(material.keyPem);
  const log: TokenRequest[] = [];
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => handle(req, res, body))
      .catch(() => res.writeHead(500).end());
  });

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? "/", "http://token.invalid");
    const form = new URLSearchParams(req.method === "POST" ? body : "");
    const scopes = [...url.searchParams.getAll("scope"), ...form.getAll("scope")];
    const service = url.searchParams.get("service") ?? form.get("service") ?? undefined;
    const caller = authenticate(req, form, options);
    const entry: TokenRequest = {
      method: req.method ?? "GET",
      scopes,
      service,
      account: caller?.account,
      via: caller?.via ?? "anonymous",
      status: 200,
    };
    log.push(entry);
    if (caller === undefined || (options.requireAuth && caller.account === undefined)) {
      entry.status = 401;
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "bad credentials" }] }));
      return;
    }
    const granted = options.scopeMode === "first" ? scopes.slice(0, 1) : scopes;
    const token = signToken(key, material, options, caller.account, granted);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: options.expiresIn ?? 300,
        issued_at: new Date().toISOString(),
      }),
    );
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/token`,
    port,
    requests: () => log.map((entry) => ({ ...entry, scopes: [...entry.scopes] })),
    close: () => closeServer(server),
  };
}

/** undefined = wrong credentials; account undefined = anonymous. */
function authenticate(
  req: IncomingMessage,
  form: URLSearchParams,
  options: TokenServerOptions,
): Caller | undefined {
  if (form.get("grant_type") === "refresh_token") {
    const presented = form.get("refresh_token");
    const match = Object.entries(options.refreshTokens ?? {}).find(([, t]) => t === presented);
    return match ? { account: match[0], via: "refresh_token" } : undefined;
  }
  const header = req.headers.authorization;
  if (!header) return { account: undefined, via: "anonymous" };
  if (!header.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (colon === -1 || options.users[user] !== password) return undefined;
  return { account: user, via: "basic" };
}

function signToken(
  key: ReturnType<typeof createPrivateKey>,
  material: SigningMaterial,
  options: TokenServerOptions,
  account: string | undefined,
  scopes: string[],
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "ES256", typ: "JWT", x5c: [material.certDerBase64] };
  const claims = {
    iss: options.issuer,
    sub: account ?? "",
    aud: options.service,
    exp: now + (options.expiresIn ?? 300),
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access: scopes.flatMap((scope) => grant(scope, account)),
  };
  const payload = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(payload), { key, dsaEncoding: "ieee-p1363" });
  return `${payload}.${signature.toString("base64url")}`;
}

/** Anonymous callers may pull; authenticated users may pull and push. */
function grant(scope: string, account: string | undefined) {
  const [type, name, actions] = scope.split(":");
  if (type !== "repository" || !name || !actions) return [];
  const allowed = actions
    .split(",")
    .filter((a) => a === "pull" || (account !== undefined && (a === "push" || a === "*")));
  return allowed.length > 0 ? [{ type, name, actions: allowed }] : [];
}

function b64url(text: string): string {
  return Buffer.from(text).toString("base64url");
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error("token request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
