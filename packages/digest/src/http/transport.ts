import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  maxHeaderSize,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { formatBytes } from "@alpinize/errors";
import { isLoopbackHost } from "@alpinize/image-ref";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";

export interface HttpRequest {
  method: "GET" | "HEAD" | "POST";
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  /** Largest body accepted; bigger answers fail with ALPINIZE_DIGEST_TOO_LARGE. */
  maxBytes: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Where the answer finally came from, after redirects. */
  url: URL;
}

export interface TransportOptions {
  /** Open connections per host (requests beyond it wait for a free one). */
  maxSocketsPerHost?: number;
  /** Socket idle timeout per request (default 30 s); a whole request gets four times that. */
  timeoutMs?: number;
  /** Whether plain http to this `host[:port]` is allowed (loopback or named insecure). */
  allowHttp: (host: string) => boolean;
  userAgent?: string;
}

const MAX_REDIRECTS = 5;
/**
 * A loopback TLS handshake takes milliseconds; a loopback server that accepts and stays silent is
 * a plain-http registry (or a hung one), so the https probe gives up early and http is tried.
 */
const LOOPBACK_HANDSHAKE_MS = 1000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Keep-alive HTTP(S) with bounded connections per host, bounded bodies, and redirects that never
 * carry `Authorization` to another host or downgrade to plain http.
 */
export class HttpTransport {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(private readonly options: TransportOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 6 };
    this.http = new HttpAgent(agentOptions);
    this.https = new HttpsAgent(agentOptions);
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let headers = { ...req.headers };
    let from: URL | undefined;
    for (let hop = 0; ; hop++) {
      this.checkScheme(url, from);
      const res = await this.once({ ...req, url, headers });
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location) return res;
      const next = redirectTarget(location, url);
      if (hop >= MAX_REDIRECTS) throw tooManyRedirects(req.url, next);
      from = url;
      if (next.host !== url.host) {
        // A body here is a refresh grant: its identity token goes to the realm, nowhere else.
        if (req.body !== undefined) throw bodyRedirect(url, next);
        headers = withoutAuthorization(headers);
      }
      url = next;
    }
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  /** `from`: the URL that redirected here, when one did. */
  private checkScheme(url: URL, from: URL | undefined): void {
    if (url.protocol === "https:") return;
    if (url.protocol === "http:" && this.options.allowHttp(url.host)) return;
    const via = from ? ` (${from.host} redirected there)` : "";
    if (url.protocol !== "http:") {
      throw new ResolveError(
        DIGEST_ERRORS.redirect,
        `refusing ${shownUrl(url)}${via}: only https, or plain http to loopback and --insecure-registry hosts, is followed`,
        {
          hint: "A registry answers over http(s) only: check the registry address, and whether a proxy or captive portal answers in its place.",
        },
      );
    }
    throw new ResolveError(DIGEST_ERRORS.insecure, `refusing plain http to ${url.host}${via}`, {
      hint: `Registries other than loopback must use https; pass --insecure-registry ${url.host} only for a registry you trust on your own network.`,
    });
  }

  private once(req: HttpRequest): Promise<HttpResponse> {
    const secure = req.url.protocol === "https:";
    const send = secure ? httpsRequest : httpRequest;
    const idleMs = this.options.timeoutMs ?? 30_000;
    return new Promise((resolvePromise, rejectPromise) => {
      // Bounds a server that trickles bytes just often enough to dodge the idle timeout.
      const deadline = setTimeout(
        () => giveUp(`no complete answer within ${(idleMs * 4) / 1000} s`),
        idleMs * 4,
      );
      const resolve = (res: HttpResponse) => {
        clearTimeout(deadline);
        resolvePromise(res);
      };
      const reject = (err: unknown) => {
        clearTimeout(deadline);
        rejectPromise(err);
      };
      const giveUp = (why: string) => {
        reject(unreachable(req.url, timedOut(why)));
        outgoing.destroy();
      };
      const outgoing = send(
        req.url,
        {
          method: req.method,
          agent: secure ? this.https : this.http,
          timeout: idleMs,
          headers: {
            "user-agent": this.options.userAgent ?? "alpinize",
            "accept-encoding": "identity",
            ...req.headers,
            ...(req.body !== undefined ? { "content-length": Buffer.byteLength(req.body) } : {}),
          },
        },
        (res) => {
          const declared = Number(res.headers["content-length"] ?? "0");
          if (req.method !== "HEAD" && declared > req.maxBytes) {
            res.destroy();
            reject(tooLarge(req, declared));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > req.maxBytes) {
              res.destroy();
              reject(tooLarge(req, size));
              return;
            }
            chunks.push(chunk);
          });
          res.on("error", (err) => reject(failed(req.url, err)));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              url: req.url,
            }),
          );
        },
      );
      if (secure && isLoopbackHost(req.url.host)) {
        const handshakeMs = Math.min(LOOPBACK_HANDSHAKE_MS, idleMs);
        outgoing.on("socket", (socket) => {
          // A kept-alive socket has shaken hands already; only a new one is timed.
          if (!socket.connecting) return;
          const timer = setTimeout(
            () => giveUp(`no TLS handshake within ${handshakeMs / 1000} s`),
            handshakeMs,
          );
          socket.once("secureConnect", () => clearTimeout(timer));
          socket.once("close", () => clearTimeout(timer));
        });
      }
      outgoing.on("timeout", () => giveUp(`no answer within ${idleMs / 1000} s`));
      outgoing.on("error", (err) => reject(failed(req.url, err)));
      outgoing.end(req.body);
    });
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== "authorization") out[key] = value;
  }
  return out;
}

/** Scheme, host and path: a query may hold a signed URL's token, and is not shown. */
export function shownUrl(url: URL): string {
  const text = `${url.protocol}//${url.host}${url.pathname}`;
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function redirectTarget(location: string, from: URL): URL {
  try {
    return new URL(location, from);
  } catch {
    throw new ResolveError(
      DIGEST_ERRORS.registry,
      `${from.host} redirected to a Location that is not a URL`,
      {
        hint: "The registry (or a proxy in front of it) sent a broken redirect: check its address and configuration.",
      },
    );
  }
}

function tooManyRedirects(start: URL, next: URL): ResolveError {
  return new ResolveError(
    DIGEST_ERRORS.redirect,
    `too many redirects from ${start.host} (more than ${MAX_REDIRECTS}; the next to ${shownUrl(next)})`,
    {
      hint: `The registry keeps redirecting (a loop, or a proxy or login page in front of it): check the registry address and its configuration; curl -sIL ${shownUrl(start)} shows where it leads.`,
    },
  );
}

function bodyRedirect(from: URL, to: URL): ResolveError {
  return new ResolveError(
    DIGEST_ERRORS.redirect,
    `${from.host} redirected a token request carrying credentials to ${to.host}; they are not sent there`,
    {
      hint: "The token service must answer itself; check the registry's auth configuration or log in with a password instead of a token.",
    },
  );
}

function tooLarge(req: HttpRequest, size: number): ResolveError {
  return new ResolveError(
    DIGEST_ERRORS.tooLarge,
    `${req.url.host} sent ${formatBytes(size)} for ${req.url.pathname}, more than the ${formatBytes(req.maxBytes)} allowed`,
    { hint: "A manifest or token this large is not a real one; check the registry address." },
  );
}

/** A request we gave up waiting for; not retried, as a server that hangs rarely recovers soon. */
export function isTimeout(err: unknown): boolean {
  return (err as { timedOut?: unknown } | undefined)?.timedOut === true;
}

function timedOut(why: string): Error {
  return Object.assign(new Error(why), { code: "ETIMEDOUT", timedOut: true });
}

/**
 * Node's HTTP parser refusing the answer (`HPE_*`) means the server did answer, just not with
 * HTTP it accepts: that is the registry's fault, not the network's, and is not retried.
 */
function failed(url: URL, err: Error): ResolveError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "HPE_HEADER_OVERFLOW") {
    return new ResolveError(
      DIGEST_ERRORS.tooLarge,
      `${url.host} answered ${url.pathname} with headers over the ${formatBytes(maxHeaderSize)} allowed (${code})`,
      {
        hint: "A registry's headers take a few KiB: check the registry address (another server or a proxy may answer in its place), or ask its operator what adds such headers.",
        cause: err,
      },
    );
  }
  if (code?.startsWith("HPE_")) {
    return new ResolveError(
      DIGEST_ERRORS.registry,
      `${url.host} answered ${url.pathname} with something that is not valid HTTP (${code})`,
      {
        hint: "Check the registry address and port: another server, or a proxy, may answer there.",
        cause: err,
      },
    );
  }
  return unreachable(url, err);
}

function unreachable(url: URL, err: Error): ResolveError {
  const code = (err as NodeJS.ErrnoException).code;
  return new ResolveError(
    DIGEST_ERRORS.unreachable,
    `cannot reach ${url.protocol}//${url.host}: ${isTimeout(err) ? err.message : (code ?? err.message)}`,
    {
      hint: "Check the registry host and your network; --via daemon asks the Docker daemon instead.",
      cause: err,
    },
  );
}
