import {
  formatImageReference,
  type ImageReference,
  isLoopbackHost,
  normalizeRegistry,
  registryApiHost,
} from "@alpinize/image-ref";
import { TokenCache } from "./auth/token-cache.js";
import { createCredentialStore } from "./credentials/store.js";
import type { CredentialStore } from "./credentials/types.js";
import {
  connectDaemon,
  type DaemonConnection,
  daemonFromEnv,
  describeDaemon,
} from "./daemon/connect.js";
import { resolveViaDaemon } from "./daemon/resolve-daemon.js";
import { type DigestErrorCode, isUnreachable, ResolveError } from "./errors.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./http/retry.js";
import { HttpTransport } from "./http/transport.js";
import { isIndexMediaType } from "./media-types.js";
import { formatPlatform, type Platform, parsePlatform } from "./platform.js";
import { parseRegistryReference } from "./reference.js";
import { RegistryClient } from "./registry/client.js";
import { fetchManifest } from "./registry/resolve-registry.js";
import { indexPlatforms, selectPlatform } from "./registry/select-platform.js";
import type { ResolvedImage, ResolveOptions, Via } from "./types.js";

export interface ResolverOptions {
  /** `registry` (default): the registry API; `daemon`: Docker's `/distribution`; `auto`: registry, then the daemon when the registry cannot be reached. */
  via?: Via;
  /** Hosts (`host[:port]`) where plain http is allowed besides loopback. */
  insecureRegistries?: string[];
  /** Environment for credentials (DOCKER_CONFIG, REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, HOME, PATH) and DOCKER_HOST. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Replaces the credential lookup (default: Docker's order, then the containers files). */
  credentials?: CredentialStore;
  /** Connections per registry host (default 4). */
  maxSocketsPerHost?: number;
  /** References resolved at once by resolveMany (default 16). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-request idle timeout (default 30 s). */
  timeoutMs?: number;
  /** The daemon to ask (default: DOCKER_HOST, else /var/run/docker.sock). */
  daemon?: DaemonConnection;
  /**
   * Registry → `host[:port]` of a mirror to ask instead (`{"docker.io": "mirror.lan:5000"}`),
   * like dockerd's `registry-mirrors`; the mirror's own credentials are used, never the
   * original registry's.
   */
  mirrors?: Record<string, string>;
  userAgent?: string;
}

/** The shared state of one run: connections, tokens, credentials. */
export class Resolver {
  readonly via: Via;
  private readonly transport: HttpTransport;
  private readonly tokens = new TokenCache();
  private readonly clients = new Map<string, RegistryClient>();
  private readonly insecure: Set<string>;
  private readonly mirrors: Map<string, string>;
  private readonly retry: RetryPolicy;
  readonly credentials: CredentialStore;
  private readonly daemonConnection: DaemonConnection;
  private daemon: ReturnType<typeof connectDaemon> | undefined;
  private readonly daemonError: Error | undefined;
  readonly concurrency: number;

  constructor(readonly options: ResolverOptions = {}) {
    const env = options.env ?? process.env;
    this.via = options.via ?? "registry";
    this.insecure = new Set((options.insecureRegistries ?? []).map((h) => normalizeRegistry(h)));
    this.mirrors = new Map(
      Object.entries(options.mirrors ?? {}).map(([from, to]) => [
        normalizeRegistry(from),
        to
          .replace(/^[a-z]+:\/\//i, "")
          .replace(/\/+$/, "")
          .toLowerCase(),
      ]),
    );
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.credentials = options.credentials ?? createCredentialStore({ env });
    // A bad DOCKER_HOST is bad input when the daemon is asked for; the registry path ignores it.
    try {
      this.daemonConnection = options.daemon ?? daemonFromEnv(env);
    } catch (err) {
      if (this.via !== "registry") throw err;
      this.daemonConnection = { socketPath: "/var/run/docker.sock" };
      this.daemonError = err as Error;
    }
    this.concurrency = options.concurrency ?? 16;
    this.transport = new HttpTransport({
      maxSocketsPerHost: options.maxSocketsPerHost ?? 4,
      timeoutMs: options.timeoutMs,
      allowHttp: (host) => this.allowsHttp(host),
      userAgent: options.userAgent,
    });
  }

  /** Resolves one reference; throws ResolveError (exit 1) or InputError (exit 2). */
  async resolve(reference: string, options: ResolveOptions = {}): Promise<ResolvedImage> {
    const ref = parseRegistryReference(reference);
    try {
      return await this.resolveParsed(ref, options);
    } catch (err) {
      throw withReference(err, ref.original);
    }
  }

  private async resolveParsed(
    ref: ImageReference,
    options: ResolveOptions,
  ): Promise<ResolvedImage> {
    const want = options.platform ? parsePlatform(options.platform) : undefined;
    if (this.via === "daemon") return this.fromDaemon(ref, want);
    try {
      return await this.fromRegistry(ref, want, options.verify === true);
    } catch (err) {
      if (this.via !== "auto" || !isUnreachable(err)) throw err;
      return await this.fromDaemon(ref, want).catch((daemonErr: unknown) => {
        const first = err as ResolveError;
        const why = daemonErr instanceof Error ? daemonErr.message : String(daemonErr);
        throw new ResolveError(
          first.code as DigestErrorCode,
          `${first.message} (and the Docker daemon could not help: ${why})`,
          { hint: first.hint, cause: err },
        );
      });
    }
  }

  /** Prepares tokens for many references at once (one multi-scope token request per registry). */
  async prepare(references: ImageReference[]): Promise<void> {
    if (this.via === "daemon") return;
    const byRegistry = new Map<string, string[]>();
    for (const ref of references) {
      const repos = byRegistry.get(ref.registry) ?? [];
      repos.push(ref.repository);
      byRegistry.set(ref.registry, repos);
    }
    await Promise.all(
      [...byRegistry].map(([registry, repos]) =>
        this.client(registry)
          .prefetchTokens(repos)
          .catch(() => undefined),
      ),
    );
  }

  /** Closes kept-alive connections; call when done. */
  close(): void {
    this.transport.close();
  }

  private async fromRegistry(
    ref: ImageReference,
    want: Platform | undefined,
    verify: boolean,
  ): Promise<ResolvedImage> {
    const client = this.client(ref.registry);
    const answer = await fetchManifest(client, ref, want !== undefined || verify);
    const base = this.describe(ref, "registry");
    const rateLimit = client.rateLimit ? { rateLimit: client.rateLimit } : {};
    const notes = answer.notes.length > 0 ? { notes: answer.notes } : {};
    if (!want) {
      const platforms =
        answer.body && isIndexMediaType(answer.mediaType)
          ? { platforms: indexPlatforms(answer.body, ref.original) }
          : {};
      return {
        ...base,
        digest: answer.digest,
        mediaType: answer.mediaType,
        ...platforms,
        ...rateLimit,
        ...notes,
      };
    }
    const choice = await selectPlatform(client, ref, { ...answer, body: answer.body! }, want);
    return {
      ...base,
      digest: choice.digest,
      mediaType: choice.mediaType,
      platform: formatPlatform(want),
      ...(choice.indexDigest ? { indexDigest: choice.indexDigest } : {}),
      platforms: choice.platforms,
      ...rateLimit,
      ...notes,
    };
  }

  private async fromDaemon(
    ref: ImageReference,
    want: Platform | undefined,
  ): Promise<ResolvedImage> {
    if (this.daemonError) throw this.daemonError;
    this.daemon ??= connectDaemon(this.daemonConnection);
    const creds = await this.credentials.get(ref.registry, ref.repository);
    const where = describeDaemon(this.daemonConnection);
    const answer = await resolveViaDaemon(this.daemon, where, ref, creds, want);
    return {
      ...this.describe(ref, "daemon"),
      digest: answer.digest,
      mediaType: answer.mediaType,
      ...(want ? { platform: formatPlatform(want) } : {}),
      platforms: answer.platforms,
    };
  }

  private describe(ref: ImageReference, via: "registry" | "daemon") {
    return {
      reference: ref.original,
      canonical: formatImageReference(
        { ...ref, digest: ref.tag ? undefined : ref.digest },
        "canonical",
      ),
      registry: ref.registry,
      repository: ref.repository,
      tag: ref.tag,
      via,
      ...(ref.tag && ref.digest ? { previousDigest: ref.digest } : {}),
    };
  }

  private client(registry: string): RegistryClient {
    let client = this.clients.get(registry);
    if (!client) {
      const mirror = this.mirrors.get(registry);
      const apiHost = mirror ?? registryApiHost(registry);
      client = new RegistryClient({
        registry,
        apiHost,
        credentialRegistry: mirror ?? registry,
        insecure: this.allowsHttp(apiHost),
        transport: this.transport,
        retry: this.retry,
        tokens: this.tokens,
        credentials: this.credentials,
      });
      this.clients.set(registry, client);
    }
    return client;
  }

  private allowsHttp(host: string): boolean {
    return isLoopbackHost(host) || this.insecure.has(normalizeRegistry(host));
  }
}

/**
 * Transport and token errors are raised far from the reference they were for; every failure
 * leaving `resolve` names it (`ref: …` and `details.reference`) like the registry's own errors.
 */
function withReference(err: unknown, reference: string): unknown {
  if (!(err instanceof ResolveError) || err.details.reference !== undefined) return err;
  const message = err.message.startsWith(`${reference}: `)
    ? err.message
    : `${reference}: ${err.message}`;
  return new ResolveError(err.code as DigestErrorCode, message, {
    hint: err.hint,
    cause: err,
    details: { ...err.details, reference },
  });
}

export function createResolver(options: ResolverOptions = {}): Resolver {
  return new Resolver(options);
}
