import { type Challenge, parseChallenges, pickChallenge } from "../auth/challenge.js";
import { requestToken } from "../auth/token.js";
import { pullScope, type TokenCache } from "../auth/token-cache.js";
import type { AuthReport, CredentialStore, Credentials } from "../credentials/types.js";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import { type RateLimit, readRateLimit } from "../http/rate-limit.js";
import { type RetryPolicy, withRetry } from "../http/retry.js";
import type { HttpResponse, HttpTransport } from "../http/transport.js";

export interface RegistryClientOptions {
  /** Normalized registry name (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
  registry: string;
  /** Host the API answers on (`registry-1.docker.io` for Docker Hub). */
  apiHost: string;
  /** Whose credentials to use: the API host's own name (a mirror's, not Docker Hub's). */
  credentialRegistry: string;
  /** Plain http allowed (loopback or named insecure): https is tried first, then http. */
  insecure: boolean;
  transport: HttpTransport;
  retry: RetryPolicy;
  tokens: TokenCache;
  credentials: CredentialStore;
}

type AuthMode =
  | { kind: "none" }
  | { kind: "basic" }
  | { kind: "bearer"; realm: string; service: string | undefined };

const MAX_PING_BODY = 64 * 1024;
const MULTI_SCOPE_CHUNK = 20;

/** One registry: its scheme, its auth mode and its tokens, shared by every reference on it. */
export class RegistryClient {
  private started: Promise<void> | undefined;
  private base: URL | undefined;
  private auth: AuthMode = { kind: "none" };
  private multiScope = true;
  private readonly fromMultiScope = new Set<string>();
  private readonly flights = new Map<string, Promise<string>>();
  /** Where the credentials sent for each repository came from (undefined: none sent). */
  private readonly sentFrom = new Map<string, string | undefined>();
  /** After a 429 to a pull that sent none: where credentials for the registry are stored. */
  private readonly storedFrom = new Map<string, string>();
  /** The newest `ratelimit-*` headers the registry sent. */
  rateLimit: RateLimit | undefined;

  constructor(private readonly options: RegistryClientOptions) {}

  /** Pings `/v2/` once: picks the scheme and learns the auth challenge. */
  start(): Promise<void> {
    this.started ??= this.ping();
    return this.started;
  }

  /** One token request for many repositories (where the registry grants several scopes). */
  async prefetchTokens(repositories: string[]): Promise<void> {
    await this.start();
    const auth = this.auth;
    if (auth.kind !== "bearer" || !this.multiScope) return;
    const { registry } = this.options;
    const missing = [...new Set(repositories)].filter(
      (repo) => !this.options.tokens.get(registry, pullScope(repo)),
    );
    const groups = new Map<string, { creds: Credentials | undefined; scopes: string[] }>();
    for (const repo of missing) {
      const creds = await this.options.credentials.get(this.options.credentialRegistry, repo);
      const key = creds ? `${creds.source}\u0000${creds.username ?? ""}` : "";
      const group = groups.get(key) ?? { creds, scopes: [] };
      group.scopes.push(pullScope(repo));
      groups.set(key, group);
    }
    for (const { creds, scopes } of groups.values()) {
      for (let i = 0; i < scopes.length; i += MULTI_SCOPE_CHUNK) {
        const chunk = scopes.slice(i, i + MULTI_SCOPE_CHUNK);
        if (chunk.length === 1) continue;
        const answer = await requestToken(this.options.transport, this.options.retry, {
          ...this.tokenInput(auth, creds),
          scopes: chunk,
        });
        this.options.tokens.set(registry, chunk, answer.token, answer.expiresIn);
        for (const scope of chunk.slice(1)) this.fromMultiScope.add(scope);
      }
    }
  }

  manifest(
    method: "HEAD" | "GET",
    repository: string,
    reference: string,
    accept: string,
    maxBytes: number,
  ) {
    return this.send(
      method,
      repository,
      `/v2/${repository}/manifests/${reference}`,
      { accept },
      maxBytes,
    );
  }

  blob(repository: string, digest: string, maxBytes: number) {
    return this.send("GET", repository, `/v2/${repository}/blobs/${digest}`, {}, maxBytes);
  }

  private async send(
    method: "HEAD" | "GET",
    repository: string,
    path: string,
    headers: Record<string, string>,
    maxBytes: number,
  ): Promise<HttpResponse> {
    await this.start();
    const attempt = async () => {
      const url = new URL(path, this.base);
      const auth = await this.authorization(repository);
      return withRetry(
        () =>
          this.options.transport.send({ method, url, headers: { ...headers, ...auth }, maxBytes }),
        this.options.retry,
      );
    };
    let res = await attempt();
    if (res.status === 401 && this.learn(res, repository)) res = await attempt();
    this.rateLimit = readRateLimit(res.headers) ?? this.rateLimit;
    if (res.status === 429) await this.noteStored(repository);
    return res;
  }

  /**
   * A registry that never challenges gets no credentials, so a 429 to it must not suggest
   * logging in when the user has: note where the stored ones are, for the message.
   */
  private async noteStored(repository: string): Promise<void> {
    if (this.sentFrom.get(repository) !== undefined) return;
    try {
      const creds = await this.options.credentials.get(this.options.credentialRegistry, repository);
      if (creds) this.storedFrom.set(repository, creds.source);
    } catch {
      // Only a hint depends on it: the 429 itself is the error to report.
    }
  }

  /**
   * After a 401: adopt the registry's challenge and drop a token that did not cover the scope;
   * true when one more attempt makes sense (the caller tries once more, never in a loop).
   */
  private learn(res: HttpResponse, repository: string): boolean {
    const challenge = this.ownChallenge(res);
    if (!challenge) return false;
    if (challenge.scheme === "bearer") {
      const scope = pullScope(repository);
      this.options.tokens.delete(this.options.registry, scope);
      // A multi-scope token that did not cover this scope: the registry grants only one, so
      // drop every token that came from a multi-scope request before it costs another 401.
      if (this.fromMultiScope.has(scope)) {
        this.multiScope = false;
        for (const other of this.fromMultiScope)
          this.options.tokens.delete(this.options.registry, other);
        this.fromMultiScope.clear();
      }
      this.auth = bearer(challenge);
      return true;
    }
    this.auth = { kind: "basic" };
    return true;
  }

  /** What the requests for `repository` carried, so a 401 can say where to look. */
  authReport(repository: string): AuthReport {
    return {
      scheme: this.auth.kind,
      source: this.sentFrom.get(repository),
      stored: this.storedFrom.get(repository),
      searched: this.options.credentials.searched?.(),
      failures: this.options.credentials.failures?.(this.options.credentialRegistry) ?? [],
    };
  }

  private async authorization(repository: string): Promise<Record<string, string>> {
    const auth = this.auth;
    if (auth.kind === "none") return {};
    const creds = await this.options.credentials.get(this.options.credentialRegistry, repository);
    if (auth.kind === "basic") {
      if (creds?.username === undefined || creds.password === undefined) {
        this.sentFrom.set(repository, undefined);
        return {};
      }
      this.sentFrom.set(repository, creds.source);
      const basic = Buffer.from(`${creds.username}:${creds.password}`).toString("base64");
      return { authorization: `Basic ${basic}` };
    }
    this.sentFrom.set(repository, creds?.source);
    return { authorization: `Bearer ${await this.token(auth, repository, creds)}` };
  }

  private token(
    auth: Extract<AuthMode, { kind: "bearer" }>,
    repository: string,
    creds: Credentials | undefined,
  ): Promise<string> {
    const scope = pullScope(repository);
    const cached = this.options.tokens.get(this.options.registry, scope);
    if (cached) return Promise.resolve(cached);
    let flight = this.flights.get(scope);
    if (!flight) {
      flight = requestToken(this.options.transport, this.options.retry, {
        ...this.tokenInput(auth, creds),
        scopes: [scope],
      })
        .then((answer) => {
          this.options.tokens.set(this.options.registry, [scope], answer.token, answer.expiresIn);
          return answer.token;
        })
        .finally(() => this.flights.delete(scope));
      this.flights.set(scope, flight);
    }
    return flight;
  }

  private tokenInput(auth: Extract<AuthMode, { kind: "bearer" }>, creds: Credentials | undefined) {
    return {
      realm: auth.realm,
      service: auth.service,
      credentials: creds,
      searched: this.options.credentials.searched?.(),
      failures: this.options.credentials.failures?.(this.options.credentialRegistry) ?? [],
      registryHost: this.options.apiHost,
      registryInsecure: this.options.insecure,
    };
  }

  private async ping(): Promise<void> {
    const { apiHost, insecure, transport, retry } = this.options;
    const candidates = insecure ? ["https", "http"] : ["https"];
    let lastError: unknown;
    for (const [i, scheme] of candidates.entries()) {
      const url = new URL(`${scheme}://${apiHost}/v2/`);
      const last = i === candidates.length - 1;
      try {
        // Only the last candidate retries: a TLS handshake against plain http fails at once.
        const res = last
          ? await withRetry(
              () => transport.send({ method: "GET", url, maxBytes: MAX_PING_BODY }),
              retry,
            )
          : await transport.send({ method: "GET", url, maxBytes: MAX_PING_BODY });
        this.base = new URL(`${scheme}://${apiHost}`);
        this.rateLimit = readRateLimit(res.headers);
        this.adopt(res);
        return;
      } catch (err) {
        lastError = err;
        if (!(err instanceof ResolveError) || err.code !== DIGEST_ERRORS.unreachable) throw err;
      }
    }
    throw lastError;
  }

  private adopt(res: HttpResponse): void {
    if (res.status === 200) return;
    if (res.status === 401) {
      const challenge = this.ownChallenge(res);
      if (challenge?.scheme === "bearer") this.auth = bearer(challenge);
      else if (challenge?.scheme === "basic") this.auth = { kind: "basic" };
      return;
    }
    // Some registries answer 404 or 403 on /v2/; the manifest request will tell us more.
  }

  /**
   * The challenge of an answer from the registry's own host. Credentials go to that host and
   * to the realm it names; a host a redirect led to names no realm for them (it could name
   * itself and collect them), so its challenge is ignored and the request fails as a 401.
   */
  private ownChallenge(res: HttpResponse): Challenge | undefined {
    if (this.base && res.url.host !== this.base.host) return undefined;
    return pickChallenge(parseChallenges(res.headers["www-authenticate"]));
  }
}

function bearer(challenge: Challenge): AuthMode {
  return {
    kind: "bearer",
    realm: challenge.params.realm!,
    service: challenge.params.service,
  };
}
