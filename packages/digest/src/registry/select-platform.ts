import { createHash } from "node:crypto";
import type { ImageReference } from "@alpinize/image-ref";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import { parseManifest } from "../manifest.js";
import { isIndexMediaType } from "../media-types.js";
import {
  formatPlatform,
  isAttestationPlatform,
  normalizePlatform,
  type Platform,
  pickPlatform,
} from "../platform.js";
import type { RegistryClient } from "./client.js";
import { checkStatus, type ManifestAnswer } from "./resolve-registry.js";

const MAX_CONFIG_BYTES = 1024 * 1024;

export interface PlatformChoice {
  digest: string;
  mediaType: string;
  indexDigest?: string;
  platforms: string[];
}

/** Lists an index's platforms, attestation entries left out. */
export function indexPlatforms(body: Buffer, where: string): string[] {
  const entries = parseManifest(body, where).manifests ?? [];
  return entries
    .filter((e) => e.platform && !isAttestationPlatform(e.platform))
    .map((e) => formatPlatform(normalizePlatform(e.platform!)));
}

/** The child of an index for `want`; for a single manifest, that manifest if its config matches. */
export async function selectPlatform(
  client: RegistryClient,
  ref: ImageReference,
  answer: ManifestAnswer & { body: Buffer },
  want: Platform,
): Promise<PlatformChoice> {
  const parsed = parseManifest(answer.body, ref.original);
  const wanted = formatPlatform(want);
  if (isIndexMediaType(answer.mediaType)) {
    const entries = parsed.manifests ?? [];
    const platforms = indexPlatforms(answer.body, ref.original);
    const at = pickPlatform(
      want,
      entries.map((e) => e.platform),
    );
    if (at === -1) {
      throw new ResolveError(
        DIGEST_ERRORS.platform,
        `${ref.original} has no ${wanted} image (it has ${platforms.join(", ") || "no platforms"})`,
        { hint: "Pick one of the listed platforms, or drop --platform to pin the whole index." },
      );
    }
    const child = entries[at]!;
    return {
      digest: child.digest,
      mediaType: child.mediaType,
      indexDigest: answer.digest,
      platforms,
    };
  }
  const own = await configPlatform(client, ref, parsed.config?.digest);
  const ownText = own ? formatPlatform(normalizePlatform(own)) : "an unknown platform";
  if (!own || pickPlatform(want, [own]) === -1) {
    throw new ResolveError(
      DIGEST_ERRORS.platform,
      `${ref.original} is a single-platform image for ${ownText}, not ${wanted}`,
      { hint: "The tag has no multi-platform index; use an image built for your platform." },
    );
  }
  return { digest: answer.digest, mediaType: answer.mediaType, platforms: [ownText] };
}

async function configPlatform(
  client: RegistryClient,
  ref: ImageReference,
  digest: string | undefined,
): Promise<Platform | undefined> {
  if (!digest) return undefined;
  const res = await client.blob(ref.repository, digest, MAX_CONFIG_BYTES);
  checkStatus(res, ref, client.authReport(ref.repository));
  const computed = `sha256:${createHash("sha256").update(res.body).digest("hex")}`;
  if (computed !== digest) {
    throw new ResolveError(
      DIGEST_ERRORS.mismatch,
      `${ref.original}: config blob ${digest} has the wrong content`,
    );
  }
  try {
    const config = JSON.parse(res.body.toString("utf8")) as Record<string, unknown>;
    if (typeof config.os !== "string" || typeof config.architecture !== "string") return undefined;
    return {
      os: config.os,
      architecture: config.architecture,
      ...(typeof config.variant === "string" && config.variant ? { variant: config.variant } : {}),
    };
  } catch {
    return undefined;
  }
}
