import { trimChar, withoutFragment } from "../trim.js";
import type { Report } from "../types.js";

/** What a report says about the image it scanned: repositories, digests and tags. */
export interface ImageIdentity {
  /** Normalised repositories (`nginx`, `ghcr.io/org/app`). */
  repos: Set<string>;
  /** `sha256:…` manifest digests (RepoDigests, the name) and the image (config) ID. */
  digests: Set<string>;
  tags: Set<string>;
  /** How the report names the image, for messages. */
  label: string;
}

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/** `docker.io/library/nginx` and `nginx` are one repository; other registries keep their host. */
export function normaliseRepo(repo: string): string {
  const parts = repo
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .split("/")
    .filter(Boolean);
  const first = parts[0] ?? "";
  const hasRegistry =
    parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : "docker.io";
  const path = hasRegistry ? parts.slice(1) : parts;
  if (DOCKER_HUB.has(registry)) {
    if (path[0] === "library" && path.length > 1) path.shift();
    return path.join("/");
  }
  return [registry, ...path].join("/");
}

/** Splits `repo[:tag][@digest]`; the tag's colon comes after the last slash. */
function splitReference(ref: string): { repo: string; tag?: string; digest?: string } {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  let repo = at >= 0 ? ref.slice(0, at) : ref;
  const colon = repo.lastIndexOf(":");
  let tag: string | undefined;
  if (colon > repo.lastIndexOf("/")) {
    tag = repo.slice(colon + 1);
    repo = repo.slice(0, colon);
  }
  return { repo, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export function imageIdentity(
  report: Pick<Report, "artifactName" | "repoDigests" | "repoTags" | "imageId">,
): ImageIdentity {
  const id: ImageIdentity = { repos: new Set(), digests: new Set(), tags: new Set(), label: "" };
  const add = (ref: string) => {
    const { repo, tag, digest } = splitReference(ref.trim());
    if (repo) id.repos.add(normaliseRepo(repo));
    if (tag) id.tags.add(tag);
    if (digest) id.digests.add(digest.toLowerCase());
  };
  if (report.artifactName) add(report.artifactName);
  for (const ref of [...report.repoDigests, ...report.repoTags]) add(ref);
  if (report.imageId) id.digests.add(report.imageId.toLowerCase());
  id.label = [report.artifactName, ...report.repoDigests, report.imageId]
    .filter(Boolean)
    .slice(0, 3)
    .join(", ");
  return id;
}

export const isImagePurl = (id: string): boolean => /^pkg:(oci|docker)\//i.test(id);

/** The image a `pkg:oci` / `pkg:docker` package URL names. */
function readImagePurl(purl: string): {
  repo?: string;
  name: string;
  tag?: string;
  digest?: string;
} {
  const type = purl.slice(4, purl.indexOf("/")).toLowerCase();
  let rest = withoutFragment(purl.slice(purl.indexOf("/") + 1));
  const q = rest.indexOf("?");
  const qualifiers = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : "");
  if (q >= 0) rest = rest.slice(0, q);
  const at = rest.lastIndexOf("@");
  const version = at >= 0 ? decodeURIComponent(rest.slice(at + 1)) : undefined;
  const path = trimChar(decodeURIComponent(at >= 0 ? rest.slice(0, at) : rest), "/");
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const url = qualifiers.get("repository_url") ?? undefined;
  const digestVersion = version && /^[a-z0-9]+:[0-9a-f]+$/i.test(version) ? version : undefined;
  const tag = qualifiers.get("tag") ?? (digestVersion ? undefined : version);
  const out: { repo?: string; name: string; tag?: string; digest?: string } = { name };
  // pkg:oci's repository_url holds the whole repository; pkg:docker's the registry only.
  if (type === "oci") {
    if (url) out.repo = normaliseRepo(url);
  } else out.repo = normaliseRepo(url ? `${url}/${path}` : path);
  if (tag) out.tag = tag;
  if (digestVersion) out.digest = digestVersion.toLowerCase();
  return out;
}

/**
 * Whether an image package URL names the image of the report: by digest when it has one (the
 * report must carry that digest), else by repository (or, for a bare `pkg:oci/name`, the last
 * part of it) and tag. Undefined when it does; else why not.
 */
export function imageMismatch(purl: string, image: ImageIdentity): string | undefined {
  if (image.repos.size === 0 && image.digests.size === 0)
    return "the report does not name its image (no ArtifactName, Metadata.RepoDigests or ImageID), so a statement about an image cannot be checked against it";
  const want = readImagePurl(purl);
  const repos = [...image.repos];
  const sameRepo = want.repo
    ? image.repos.has(want.repo)
    : repos.some((r) => r.slice(r.lastIndexOf("/") + 1) === want.name);
  if (want.digest) {
    if (image.digests.has(want.digest)) return undefined;
    if (image.digests.size)
      return `VEX statement for another image ignored: its digest ${want.digest} is not this image's (${image.label})`;
    if (!sameRepo) return otherImage(want, image);
    return `the report carries no digest (Metadata.RepoDigests, ImageID) to compare with ${want.digest}, so the statement cannot be checked against this image`;
  }
  if (!sameRepo) return otherImage(want, image);
  if (want.tag && !image.tags.has(want.tag))
    return image.tags.size
      ? `VEX statement for another image ignored: it names tag ${want.tag}, this image has ${[...image.tags].join(", ")}`
      : `the report names no tag to compare with ${want.tag}`;
  return undefined;
}

const otherImage = (want: { repo?: string; name: string }, image: ImageIdentity) =>
  `VEX statement for another image ignored: it names ${want.repo ?? want.name}, this report is of ${image.label}`;
