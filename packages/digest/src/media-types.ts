/** The four manifest media types a resolver accepts; distribution 2.8 answers 404 without the index types. */
export const MEDIA_TYPES = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
} as const;

export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest,
].join(", ");

const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
const KNOWN_TYPES = new Set<string>(Object.values(MEDIA_TYPES));

export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType);
}

export function isKnownManifestType(mediaType: string): boolean {
  return KNOWN_TYPES.has(mediaType);
}

export function isSchema1(mediaType: string): boolean {
  return mediaType.startsWith("application/vnd.docker.distribution.manifest.v1");
}

/** `Content-Type` without parameters, lowercased. */
export function bareMediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}
