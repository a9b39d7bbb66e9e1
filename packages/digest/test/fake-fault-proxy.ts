import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/**
 * FAKE: a loopback proxy in front of a real registry that injects the faults no real registry
 * produces on demand. Only manifest requests are faulted; everything else passes through.
 */
export interface Faults {
  /** Remove Docker-Content-Digest from manifest answers. */
  stripDigest?: boolean;
  /** Replace Docker-Content-Digest with this value. */
  wrongDigest?: string;
  /** Append bytes to manifest bodies (so their hash changes). */
  corruptBody?: boolean;
  /** Answer the next `count` manifest requests with `status` (and these headers) instead. */
  fail?: { count: number; status: number; headers?: Record<string, string>; body?: string };
  /** Redirect manifest requests to this base URL (another host). */
  redirectTo?: string;
  /** Redirect the `/v2/` ping to this base URL (another host). */
  redirectPing?: string;
  /** Add these headers to manifest answers (e.g. ratelimit-*). */
  addHeaders?: Record<string, string>;
  /** Override the Content-Type of manifest answers. */
  contentType?: string;
  /** Send this many bytes of padding as the manifest GET body. */
  hugeBody?: number;
  /** Rewrite the realm of every `WWW-Authenticate` challenge (on every path) to this URL (or to `""`). */
  realm?: string;
  /** Serve this body as an OCI index for manifest requests, without a digest header (so clients GET it). */
  indexBody?: string;
  /** Drop the connection, on every path, for clients whose User-Agent matches (a network failure for one client only). */
  dropUserAgent?: RegExp;
}

export interface FakeFaultProxy {
  url: string;
  host: string;
  faults: Faults;
  /** Every request the proxy saw: method, path and whether it carried Authorization. */
  hits: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startFakeFaultProxy(upstream: string): Promise<FakeFaultProxy> {
  const target = new URL(upstream);
  const state: FakeFaultProxy = { url: "", host: "", faults: {}, hits: [], close: async () => {} };
  const server = createServer((req, res) => {
    state.hits.push({
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
    });
    if (state.faults.dropUserAgent?.test(req.headers["user-agent"] ?? "")) {
      req.socket.destroy();
      return;
    }
    if (state.faults.redirectPing && req.url === "/v2/") {
      res.writeHead(302, { location: new URL("/v2/", state.faults.redirectPing).toString() });
      res.end();
      return;
    }
    const isManifest = /\/manifests\//.test(req.url ?? "");
    if (isManifest && answerFault(state.faults, req, res)) return;
    const { realm } = state.faults;
    forward(target, req, res, isManifest ? state.faults : realm !== undefined ? { realm } : {});
  });
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${port}`;
  state.host = `127.0.0.1:${port}`;
  state.close = () => close(server);
  return state;
}

function answerFault(faults: Faults, req: IncomingMessage, res: ServerResponse): boolean {
  if (faults.fail && faults.fail.count > 0) {
    faults.fail.count--;
    res.writeHead(faults.fail.status, faults.fail.headers ?? {});
    res.end(req.method === "HEAD" ? undefined : (faults.fail.body ?? ""));
    return true;
  }
  if (faults.redirectTo) {
    res.writeHead(307, { location: new URL(req.url ?? "/", faults.redirectTo).toString() });
    res.end();
    return true;
  }
  if (faults.indexBody !== undefined) {
    res.writeHead(200, { "content-type": "application/vnd.oci.image.index.v1+json" });
    res.end(req.method === "HEAD" ? undefined : faults.indexBody);
    return true;
  }
  if (faults.hugeBody && req.method === "GET") {
    res.writeHead(200, { "content-type": "application/vnd.oci.image.index.v1+json" });
    res.end(Buffer.alloc(faults.hugeBody, 0x20));
    return true;
  }
  return false;
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse, faults: Faults): void {
  const headers = { ...req.headers, host: target.host };
  const out = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
    (up) => {
      const chunks: Buffer[] = [];
      up.on("data", (c: Buffer) => chunks.push(c));
      up.on("end", () => {
        let body = Buffer.concat(chunks);
        const h = { ...up.headers, ...faults.addHeaders };
        if (faults.stripDigest) delete h["docker-content-digest"];
        if (faults.wrongDigest) h["docker-content-digest"] = faults.wrongDigest;
        if (faults.contentType) h["content-type"] = faults.contentType;
        const challenge = h["www-authenticate"];
        if (faults.realm !== undefined && typeof challenge === "string") {
          h["www-authenticate"] = challenge.replace(/realm="[^"]*"/, `realm="${faults.realm}"`);
        }
        if (faults.corruptBody && req.method === "GET" && up.statusCode === 200) {
          body = Buffer.concat([body, Buffer.from("\n")]);
          h["content-length"] = String(body.length);
        }
        res.writeHead(up.statusCode ?? 502, h);
        res.end(req.method === "HEAD" ? undefined : body);
      });
    },
  );
  out.on("error", () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(out);
}

/** FAKE: "another host" that records whether credentials followed a redirect, then serves the
 * manifest from the registry with credentials of its own. */
export async function startFakeOtherHost(
  upstream: string,
  upstreamAuthorization: string | undefined,
): Promise<{ url: string; seen: (string | undefined)[]; close(): Promise<void> }> {
  const target = new URL(upstream);
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const headers = { ...req.headers, host: target.host };
    delete headers.authorization;
    if (upstreamAuthorization) headers.authorization = upstreamAuthorization;
    const out = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.writeHead(502).end());
    req.pipe(out);
  });
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => close(server) };
}

export interface FakeChallenger {
  url: string;
  /** Every request: its path, its Authorization and its body. */
  seen: { path: string; authorization: string | undefined; body: string }[];
  close(): Promise<void>;
}

/**
 * FAKE: a host fishing for credentials. It challenges every request with a Bearer realm of its
 * own (`/token`, which hands out a token, or redirects to `tokenRedirect` when given) and
 * records what each request carried.
 */
export async function startFakeChallenger(
  options: { tokenRedirect?: string } = {},
): Promise<FakeChallenger> {
  const state: FakeChallenger = { url: "", seen: [], close: async () => {} };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      state.seen.push({ path: req.url ?? "", authorization: req.headers.authorization, body });
      if (!req.url?.startsWith("/token")) {
        res.writeHead(401, { "www-authenticate": `Bearer realm="${state.url}/token",service="x"` });
        res.end();
      } else if (options.tokenRedirect) {
        res.writeHead(307, { location: options.tokenRedirect });
        res.end();
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ token: "fished", expires_in: 300 }));
      }
    });
  });
  await listen(server);
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => close(server);
  return state;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
