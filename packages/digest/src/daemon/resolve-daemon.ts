import { dockerCredentialKey, type ImageReference } from "@alpinize/image-ref";
import type Docker from "dockerode";
import type { Credentials } from "../credentials/types.js";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import { isSha256Digest } from "../manifest.js";
import { isIndexMediaType, isKnownManifestType } from "../media-types.js";
import {
  formatPlatform,
  isAttestationPlatform,
  normalizePlatform,
  type Platform,
  pickPlatform,
} from "../platform.js";

export interface DaemonAnswer {
  digest: string;
  mediaType: string;
  platforms: string[];
}

/**
 * Asks the Docker daemon (`GET /distribution/{name}/json`), passing our credentials as
 * X-Registry-Auth. The daemon uses its own network, proxy, mirrors and insecure-registries.
 */
export async function resolveViaDaemon(
  docker: Docker,
  where: string,
  ref: ImageReference,
  credentials: Credentials | undefined,
  want: Platform | undefined,
): Promise<DaemonAnswer> {
  const name = `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : `@${ref.digest}`}`;
  let info: Docker.ImageDistributionInfo;
  try {
    info = await docker.getImage(name).distribution(authOptions(ref, credentials));
  } catch (err) {
    throw daemonError(err, ref, where);
  }
  const digest = info?.Descriptor?.digest;
  const mediaType = info?.Descriptor?.mediaType ?? "";
  if (!isSha256Digest(digest) || !isKnownManifestType(mediaType)) {
    throw new ResolveError(
      DIGEST_ERRORS.daemon,
      `${ref.original}: the daemon at ${where} gave no usable descriptor`,
      {
        hint: "Update Docker, or use --via registry.",
      },
    );
  }
  const entries = (Array.isArray(info.Platforms) ? info.Platforms : []).map(
    (p): Platform => ({
      os: p.os,
      architecture: p.architecture,
      ...(p.variant ? { variant: p.variant } : {}),
    }),
  );
  const platforms = entries
    .filter((p) => p.os && p.architecture && !isAttestationPlatform(p))
    .map((p) => formatPlatform(normalizePlatform(p)));
  if (want) checkPlatform(ref, want, entries, platforms, mediaType);
  return { digest, mediaType, platforms };
}

/** The daemon names platforms but no per-platform digests: only a single manifest can answer. */
function checkPlatform(
  ref: ImageReference,
  want: Platform,
  entries: Platform[],
  platforms: string[],
  mediaType: string,
): void {
  const wanted = formatPlatform(want);
  // Some daemons answer `Platforms: null` for a single manifest: that is not "absent".
  if (entries.length === 0) {
    throw new ResolveError(
      DIGEST_ERRORS.daemon,
      `${ref.original}: the daemon did not report the image's platforms, so ${wanted} cannot be checked`,
      { hint: "Use --via registry for --platform, or drop --platform." },
    );
  }
  if (pickPlatform(want, entries) === -1) {
    throw new ResolveError(
      DIGEST_ERRORS.platform,
      `${ref.original} has no ${wanted} image according to the daemon (it has ${platforms.join(", ") || "no platforms"})`,
      { hint: "Pick one of the listed platforms, or drop --platform." },
    );
  }
  if (isIndexMediaType(mediaType)) {
    throw new ResolveError(
      DIGEST_ERRORS.daemon,
      `${ref.original}: the daemon confirms ${wanted} but gives no per-platform digest for an index`,
      { hint: "Use --via registry for --platform, or drop --platform to pin the index." },
    );
  }
}

function authOptions(
  ref: ImageReference,
  creds: Credentials | undefined,
): Docker.ImageDistributionOptions {
  if (!creds) return {};
  const serveraddress = dockerCredentialKey(ref.registry);
  if (creds.identityToken) {
    return {
      authconfig: { serveraddress, identitytoken: creds.identityToken } as Docker.AuthConfig,
    };
  }
  return {
    authconfig: { username: creds.username ?? "", password: creds.password ?? "", serveraddress },
  };
}

function daemonError(err: unknown, ref: ImageReference, where: string): ResolveError {
  const e = err as {
    statusCode?: number;
    code?: string;
    json?: { message?: string };
    message?: string;
  };
  const said = e.json?.message ?? e.message ?? String(err);
  if (e.code === "ENOENT" || e.code === "ECONNREFUSED" || e.code === "EACCES") {
    return new ResolveError(
      DIGEST_ERRORS.daemon,
      `cannot reach the Docker daemon at ${where}: ${e.code}`,
      {
        hint: "Start Docker or set DOCKER_HOST; or use --via registry.",
        cause: err,
      },
    );
  }
  if (e.statusCode === 401 || e.statusCode === 404) {
    // dockerode reports the daemon's 401 as "no such image": missing and private look the same.
    return new ResolveError(
      DIGEST_ERRORS.notFound,
      `${ref.original}: the daemon found no such image (or was not allowed to see it): ${said}`,
      {
        hint: "Check the name and tag; log in if the repository is private.",
        cause: err,
        details: { reference: ref.original, status: e.statusCode },
      },
    );
  }
  // The daemon wraps the registry's answer in a 500; its text is all there is to go on.
  if (/no basic auth credentials|unauthorized|authentication required/i.test(said)) {
    return new ResolveError(
      DIGEST_ERRORS.unauthorized,
      `${ref.original}: the registry refused the daemon: ${said}`,
      {
        hint: `Log in ("docker login ${ref.registry}"); alpinize passes your credentials to the daemon.`,
        cause: err,
      },
    );
  }
  if (/manifest unknown|not found/i.test(said)) {
    return new ResolveError(
      DIGEST_ERRORS.notFound,
      `${ref.original}: not found (the daemon said: ${said})`,
      {
        hint: "Check the repository and tag.",
        cause: err,
      },
    );
  }
  return new ResolveError(
    DIGEST_ERRORS.daemon,
    `${ref.original}: the daemon at ${where} failed: ${said}`,
    {
      hint: "The daemon reaches registries with its own network and settings; check them, or use --via registry.",
      cause: err,
    },
  );
}
