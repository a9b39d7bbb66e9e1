import { DIGEST_ERRORS, ResolveError } from "./errors.js";
import type { Platform } from "./platform.js";

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export interface ParsedManifest {
  mediaType: string | undefined;
  /** Index / manifest list entries. */
  manifests?: Descriptor[];
  /** Image manifest config. */
  config?: Descriptor;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const MAX_ENTRIES = 10_000;

export function isSha256Digest(value: unknown): value is string {
  return typeof value === "string" && DIGEST.test(value);
}

/** Checks the parts of a manifest or index we rely on (image-spec `manifests[]` and `config`). */
export function parseManifest(bytes: Buffer, where: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw bad(where, "it is not JSON");
  }
  if (typeof json !== "object" || json === null) throw bad(where, "it is not a JSON object");
  const doc = json as Record<string, unknown>;
  const out: ParsedManifest = {
    mediaType: typeof doc.mediaType === "string" ? doc.mediaType : undefined,
  };
  if (doc.manifests !== undefined && !Array.isArray(doc.manifests)) {
    throw bad(where, "its manifests field is not an array");
  }
  if (Array.isArray(doc.manifests)) {
    if (doc.manifests.length > MAX_ENTRIES) throw bad(where, "it lists too many manifests");
    out.manifests = doc.manifests.map((entry, i) => descriptor(entry, `${where} manifests[${i}]`));
  }
  if (doc.config !== undefined) out.config = descriptor(doc.config, `${where} config`);
  return out;
}

function descriptor(value: unknown, where: string): Descriptor {
  if (typeof value !== "object" || value === null) throw bad(where, "it is not an object");
  const d = value as Record<string, unknown>;
  if (!isSha256Digest(d.digest)) throw bad(where, "it has no sha256 digest");
  if (typeof d.mediaType !== "string") throw bad(where, "it has no mediaType");
  const p = d.platform as Record<string, unknown> | undefined;
  const platform =
    p && typeof p.os === "string" && typeof p.architecture === "string"
      ? {
          os: p.os,
          architecture: p.architecture,
          ...(typeof p.variant === "string" && p.variant !== "" ? { variant: p.variant } : {}),
        }
      : undefined;
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: typeof d.size === "number" ? d.size : 0,
    ...(platform ? { platform } : {}),
  };
}

function bad(where: string, why: string): ResolveError {
  return new ResolveError(DIGEST_ERRORS.badManifest, `the manifest ${where} is unusable: ${why}`, {
    hint: "The registry served something that is not an OCI/Docker manifest.",
  });
}
