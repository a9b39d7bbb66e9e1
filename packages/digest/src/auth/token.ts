import { isLoopbackHost } from "@alpinize/image-ref";
import type { Credentials } from "../credentials/types.js";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import type { RetryPolicy } from "../http/retry.js";
import { withRetry } from "../http/retry.js";
import { type HttpResponse, type HttpTransport, shownUrl } from "../http/transport.js";
import { loginHint } from "./login-hint.js";

export interface TokenAnswer {
  token: string;
  expiresIn: number | undefined;
}

export interface TokenRequestInput {
  realm: string;
  service: string | undefined;
  scopes: string[];
  credentials: Credentials | undefined;
  /** Where credentials were looked for, to say so when none were found. */
  searched?: string | undefined;
  /** Sources that failed for the registry: then the message says so rather than "none found". */
  failures?: string[];
  /** The registry's own `host[:port]`, to judge the realm. */
  registryHost: string;
  /** Whether plain http is allowed for the registry (loopback / named insecure). */
  registryInsecure: boolean;
}

const MAX_TOKEN_BODY = 256 * 1024;

/**
 * Asks the registry's token realm for a pull token covering `scopes`. With an identity token it
 * POSTs the OAuth2 refresh grant (GET when the realm does not take POST); otherwise it GETs, with
 * Basic credentials when there are some.
 */
export async function requestToken(
  transport: HttpTransport,
  retry: RetryPolicy,
  input: TokenRequestInput,
): Promise<TokenAnswer> {
  const realm = checkRealm(input);
  let res: HttpResponse | undefined;
  if (input.credentials?.identityToken) {
    res = await withRetry(() => postRefresh(transport, realm, input), retry);
    if (res.status === 404 || res.status === 405) res = undefined;
  }
  res ??= await withRetry(() => getToken(transport, realm, input), retry);
  if (res.status === 401 || res.status === 403) throw tokenRefused(realm, input);
  if (res.status !== 200) {
    throw new ResolveError(
      DIGEST_ERRORS.registry,
      `the token server ${realm.host} answered HTTP ${res.status}`,
      { hint: "Try again later; if it persists the registry's auth service is down." },
    );
  }
  return parseTokenBody(res, realm);
}

function tokenRefused(realm: URL, input: TokenRequestInput): ResolveError {
  const host = input.registryHost;
  const source = input.credentials?.source;
  if (source !== undefined) {
    return new ResolveError(
      DIGEST_ERRORS.unauthorized,
      `the token server ${realm.host} refused the credentials from ${source} for ${host}`,
      {
        hint: `Log in again ("docker login ${host}") to replace them, or check the repository name and your pull access.`,
      },
    );
  }
  const where = input.searched ? ` (looked in: ${input.searched})` : "";
  const failed = input.failures ?? [];
  return new ResolveError(
    DIGEST_ERRORS.unauthorized,
    `the token server ${realm.host} refused anonymous access to ${host}: ${failed.length > 0 ? `no credentials could be read for it: ${failed.join("; ")}` : "no credentials were found for it"}${where}`,
    {
      hint: `${loginHint(host, failed.length > 0)}; or check the repository name.`,
    },
  );
}

function getToken(transport: HttpTransport, realm: URL, input: TokenRequestInput) {
  const url = new URL(realm);
  if (input.service) url.searchParams.set("service", input.service);
  for (const scope of input.scopes) url.searchParams.append("scope", scope);
  const { username, password } = input.credentials ?? {};
  const headers: Record<string, string> =
    username !== undefined && password !== undefined
      ? { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` }
      : {};
  return transport.send({ method: "GET", url, headers, maxBytes: MAX_TOKEN_BODY });
}

function postRefresh(transport: HttpTransport, realm: URL, input: TokenRequestInput) {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: input.credentials!.identityToken!,
    client_id: "alpinize",
    ...(input.service ? { service: input.service } : {}),
    scope: input.scopes.join(" "),
  });
  return transport.send({
    method: "POST",
    url: realm,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    maxBytes: MAX_TOKEN_BODY,
  });
}

function parseTokenBody(res: HttpResponse, realm: URL): TokenAnswer {
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(res.body.toString("utf8")) as typeof body;
  } catch {
    throw new ResolveError(DIGEST_ERRORS.registry, `the token server ${realm.host} sent no JSON`);
  }
  const token = typeof body.token === "string" ? body.token : body.access_token;
  if (typeof token !== "string" || token === "") {
    throw new ResolveError(DIGEST_ERRORS.registry, `the token server ${realm.host} sent no token`);
  }
  const expiresIn = typeof body.expires_in === "number" ? body.expires_in : undefined;
  return { token, expiresIn };
}

/**
 * The realm comes from the registry, and we send credentials to it: it must be https, unless
 * the registry itself is loopback/insecure and the realm is on loopback or on the same host.
 */
function checkRealm(input: TokenRequestInput): URL {
  let realm: URL;
  try {
    realm = new URL(input.realm);
  } catch {
    throw new ResolveError(
      DIGEST_ERRORS.registry,
      `the registry named an invalid token realm "${input.realm}"`,
    );
  }
  if (realm.protocol === "https:") return realm;
  if (realm.protocol !== "http:") throw notHttpRealm(realm, input.registryHost);
  const sameHost = realm.hostname === hostname(input.registryHost);
  if (input.registryInsecure && (isLoopbackHost(realm.host) || sameHost)) return realm;
  // An insecure registry may be reached over http: then the realm's host is what was refused.
  const [why, hint] = input.registryInsecure
    ? [
        "plain http carries credentials only to loopback or to the registry's own host",
        "The registry must name an https token realm, or one on its own host.",
      ]
    : [
        "credentials go over https only",
        "A registry reached over https must name an https token realm.",
      ];
  throw new ResolveError(
    DIGEST_ERRORS.insecure,
    `refusing the token realm ${realm.origin} named by ${input.registryHost}: ${why}`,
    { hint },
  );
}

/** A `file:`, `ftp:`… realm: no scheme but http(s) gets a token request, over any registry. */
function notHttpRealm(realm: URL, registryHost: string): ResolveError {
  return new ResolveError(
    DIGEST_ERRORS.registry,
    `refusing the token realm ${shownUrl(realm)} named by ${registryHost}: a token realm must be an http(s) URL, nothing was sent there`,
    {
      hint: "The registry's auth configuration names a realm that is not a web address: check the registry address (another server may answer in its place), or ask its operator to fix the token realm.",
    },
  );
}

function hostname(hostPort: string): string {
  if (hostPort.startsWith("[")) return hostPort.slice(0, hostPort.indexOf("]") + 1);
  const colon = hostPort.lastIndexOf(":");
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}
