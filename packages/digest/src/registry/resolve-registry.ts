import { createHash } from "node:crypto";
import type { ImageReference } from "@alpinize/image-ref";
import type { AuthReport } from "../credentials/types.js";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import { parseRetryAfter } from "../http/retry.js";
import type { HttpResponse } from "../http/transport.js";
import { isSha256Digest, parseManifest } from "../manifest.js";
import {
  bareMediaType,
  isIndexMediaType,
  isKnownManifestType,
  isSchema1,
  MANIFEST_ACCEPT,
} from "../media-types.js";
import type { RegistryClient } from "./client.js";
import { unauthorized } from "./unauthorized.js";

/** distribution's own manifest limit. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface ManifestAnswer {
  digest: string;
  mediaType: string;
  /** The exact bytes, when they were fetched. */
  body?: Buffer;
  notes: string[];
}

/**
 * The digest the tag (or digest) points at: one HEAD when the registry sends a usable
 * `Docker-Content-Digest`, else a GET whose exact bytes are hashed.
 */
export async function fetchManifest(
  client: RegistryClient,
  ref: ImageReference,
  wantBody: boolean,
): Promise<ManifestAnswer> {
  const reference = ref.tag ?? ref.digest!;
  if (!wantBody) {
    const head = await client.manifest("HEAD", ref.repository, reference, MANIFEST_ACCEPT, 0);
    checkStatus(head, ref, client.authReport(ref.repository));
    const digest = header(head, "docker-content-digest");
    const mediaType = bareMediaType(header(head, "content-type"));
    rejectSchema1(mediaType, ref);
    if (isSha256Digest(digest) && isKnownManifestType(mediaType)) {
      if (ref.tag === undefined && digest !== ref.digest) throw mismatch(ref, digest);
      return { digest, mediaType, notes: [] };
    }
  }
  return await getManifest(client, ref, reference);
}

async function getManifest(
  client: RegistryClient,
  ref: ImageReference,
  reference: string,
): Promise<ManifestAnswer> {
  const res = await client.manifest(
    "GET",
    ref.repository,
    reference,
    MANIFEST_ACCEPT,
    MAX_MANIFEST_BYTES,
  );
  checkStatus(res, ref, client.authReport(ref.repository));
  const computed = `sha256:${createHash("sha256").update(res.body).digest("hex")}`;
  const declared = bareMediaType(header(res, "content-type"));
  rejectSchema1(declared, ref);
  // The body is here anyway: check its shape before its digest is handed out as a pin.
  const parsed = parseManifest(res.body, ref.original);
  // Some registries answer `application/json`; the manifest's own mediaType then decides.
  const mediaType = isKnownManifestType(declared) ? declared : (parsed.mediaType ?? declared);
  rejectSchema1(mediaType, ref);
  if (isIndexMediaType(mediaType) && parsed.manifests === undefined) {
    throw new ResolveError(
      DIGEST_ERRORS.badManifest,
      `${ref.original}: the registry sent an image index without a manifests list`,
      { hint: "The registry served something that is not an OCI/Docker index." },
    );
  }
  if (!isKnownManifestType(mediaType)) {
    throw new ResolveError(
      DIGEST_ERRORS.badManifest,
      `${ref.original}: the registry answered with media type "${mediaType}", not an image manifest or index`,
      { hint: "Check that the reference names a container image." },
    );
  }
  const notes: string[] = [];
  if (ref.tag === undefined && computed !== ref.digest) throw mismatch(ref, computed);
  const claimed = header(res, "docker-content-digest");
  if (claimed !== undefined && claimed !== computed) {
    // Like go-containerregistry: the hash of the bytes is the truth, many registries get the header wrong.
    notes.push(
      `the registry's Docker-Content-Digest ${claimed} does not match the manifest bytes (${computed}); using the bytes`,
    );
  }
  return { digest: computed, mediaType, body: res.body, notes };
}

/** Throws the error for any answer but 200; `auth` says what went with the request (for 401). */
export function checkStatus(res: HttpResponse, ref: ImageReference, auth?: AuthReport): void {
  if (res.status === 200) return;
  const host = res.url.host;
  const base = { details: { reference: ref.original, status: res.status } };
  switch (res.status) {
    case 404:
      throw new ResolveError(DIGEST_ERRORS.notFound, `${ref.original}: not found on ${host}`, {
        ...base,
        hint: "Check the repository and tag; private repositories may also answer 404 without credentials.",
      });
    case 401:
      throw unauthorized(ref, host, auth, base.details, res.headers["www-authenticate"]);
    case 403:
      throw new ResolveError(DIGEST_ERRORS.denied, `${ref.original}: ${host} denied access`, {
        ...base,
        hint: "Your account may lack pull access to this repository.",
      });
    case 429:
      throw new ResolveError(
        DIGEST_ERRORS.rateLimited,
        `${ref.original}: ${host} is rate-limiting us (HTTP 429)`,
        { ...base, hint: rateLimitHint(res, auth) },
      );
    default:
      throw new ResolveError(
        DIGEST_ERRORS.registry,
        `${ref.original}: ${host} answered HTTP ${res.status}`,
        {
          ...base,
          hint: "Try again later; if it persists, the registry is having trouble.",
        },
      );
  }
}

/** Logging in only helps a pull that went without credentials to a registry that asks for them. */
function rateLimitHint(res: HttpResponse, auth: AuthReport | undefined): string {
  const when = waitWords(parseRetryAfter(header(res, "retry-after"), Date.now()));
  if (auth?.source !== undefined)
    return `${when.again}: the pulls already used the credentials from ${auth.source}, so the limit is that account's.`;
  if (auth?.stored !== undefined)
    return `${when.again}: ${res.url.host} asked for no credentials, so the credentials from ${auth.stored} were not sent and logging in again would not raise the limit.`;
  return `${when.alone}, or log in: authenticated pulls get a higher limit.`;
}

const DAY_MS = 86_400_000;

/** The registry's `Retry-After` in words; none, or one over a day, gives no number. */
function waitWords(ms: number | undefined): { alone: string; again: string } {
  if (ms === undefined) return { alone: "Wait", again: "Wait and run again" };
  if (ms > DAY_MS) return { alone: "Try again later", again: "Run again later" };
  const s = Math.ceil(ms / 1000);
  // `Retry-After: 0`, or a date already past: the wait is over.
  if (s === 0) return { alone: "Try again", again: "Run again" };
  const span =
    s <= 120 ? `${s} s` : s <= 7200 ? `${Math.ceil(s / 60)} min` : `${Math.ceil(s / 3600)} h`;
  const alone = `Wait ${span} (the registry's Retry-After)`;
  return { alone, again: `${alone} and run again` };
}

function rejectSchema1(mediaType: string, ref: ImageReference): void {
  if (!isSchema1(mediaType)) return;
  throw new ResolveError(
    DIGEST_ERRORS.badManifest,
    `${ref.original}: the registry only has a schema 1 manifest, which Docker no longer pulls`,
    { hint: "Rebuild and push the image with a current builder." },
  );
}

function mismatch(ref: ImageReference, got: string): ResolveError {
  return new ResolveError(
    DIGEST_ERRORS.mismatch,
    `${ref.original}: the registry served ${got} when asked for ${ref.digest}`,
    { hint: "The registry or a proxy in between is serving the wrong content; do not use it." },
  );
}

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export { isIndexMediaType };
