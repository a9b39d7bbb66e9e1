import type { RateLimit } from "./http/rate-limit.js";

export type Via = "registry" | "daemon" | "auto";

/** One resolved reference. */
export interface ResolvedImage {
  /** The reference as given. */
  reference: string;
  /** `registry/repository[:tag]`, fully qualified. */
  canonical: string;
  registry: string;
  repository: string;
  tag: string | undefined;
  /** What to pin: the index digest, or the chosen platform's manifest with `platform`. */
  digest: string;
  mediaType: string;
  /** The platform asked for, normalised (`linux/arm64/v8`), when one was. */
  platform?: string;
  /** With `platform` from an index: the index the child was picked from. */
  indexDigest?: string;
  /** Platforms the index (or daemon) listed, attestation entries left out. */
  platforms?: string[];
  /** For `name:tag@digest`: the digest the reference carried (re-resolved from the tag). */
  previousDigest?: string;
  /** How it was resolved. */
  via: "registry" | "daemon";
  /** The registry's `ratelimit-*` headers, when it sent any. */
  rateLimit?: RateLimit;
  /** Things worth knowing that did not stop the resolution (e.g. a wrong digest header). */
  notes?: string[];
}

export interface ResolveOptions {
  /** `os/arch[/variant]`: the child manifest for that platform instead of the index. */
  platform?: string;
  /** Fetch the manifest body and hash it even when the registry sends a digest header. */
  verify?: boolean;
}
