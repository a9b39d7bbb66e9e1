import { PushClient, type PushCredentials } from "./client.js";
import { type ImageFormat, MEDIA, mediaTypesFor } from "./media-types.js";
import { makeLayer, sha256 } from "./tar.js";

export interface PushImageOptions {
  /** `os/arch[/variant]` per child manifest. Default `["linux/amd64", "linux/arm64/v8"]`. */
  platforms?: string[];
  /** Mixed into every blob, so different seeds give different digests. Default: the tag. */
  seed?: string;
  /** OCI media types (default) or Docker v2 schema 2 ones. */
  format?: ImageFormat;
  /** Add a buildx-style attestation manifest (`unknown/unknown`) to the index. */
  attestation?: boolean;
  /** Push a single manifest under the tag instead of an index (needs exactly one platform). */
  index?: boolean;
  /** For registries with htpasswd or token auth. */
  credentials?: PushCredentials;
  /** More tags for the same index (or manifest): cheap, since no blob is uploaded again. */
  extraTags?: string[];
}

export interface PushedManifest {
  /** `os/arch[/variant]`, or `unknown/unknown` for the attestation. */
  platform: string;
  digest: string;
  mediaType: string;
  size: number;
}

export interface PushedImage {
  /** The digest the tag points at (index, or the single manifest). */
  digest: string;
  mediaType: string;
  /** The index (or manifest list) digest, when one was pushed. */
  indexDigest: string | undefined;
  /** Child manifests in index order, attestation included. */
  manifests: PushedManifest[];
}

/** Pushes a small multi-platform image (blobs, manifests, index) over plain HTTP. */
export async function pushImage(
  registryUrl: string,
  repository: string,
  tag: string,
  options: PushImageOptions = {},
): Promise<PushedImage> {
  const platforms = options.platforms ?? ["linux/amd64", "linux/arm64/v8"];
  const format = options.format ?? "oci";
  const wantIndex = options.index ?? true;
  if (!wantIndex && (platforms.length !== 1 || options.attestation)) {
    throw new Error("pushImage: index: false needs exactly one platform and no attestation");
  }
  const client = new PushClient(registryUrl, repository, options.credentials);
  const seed = options.seed ?? tag;
  const manifests: PushedManifest[] = [];
  for (const platform of platforms) {
    const ref = wantIndex ? undefined : tag;
    manifests.push(await pushPlatform(client, repository, format, platform, seed, ref));
  }
  if (options.attestation) {
    manifests.push(await pushAttestation(client, repository, seed, manifests[0]!.digest));
  }
  if (!wantIndex) {
    const only = manifests[0]!;
    await tagAgain(client, repository, tag, only.mediaType, options.extraTags ?? []);
    return { digest: only.digest, mediaType: only.mediaType, indexDigest: undefined, manifests };
  }
  const types = mediaTypesFor(format);
  const index = {
    schemaVersion: 2,
    mediaType: types.index,
    manifests: manifests.map((m, i) => ({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.size,
      platform: platformObject(m.platform),
      ...(i >= platforms.length
        ? { annotations: attestationAnnotations(manifests[0]!.digest) }
        : {}),
    })),
  };
  const pushed = await putManifest(client, repository, tag, types.index, index);
  await tagAgain(client, repository, tag, types.index, options.extraTags ?? []);
  return { digest: pushed.digest, mediaType: types.index, indexDigest: pushed.digest, manifests };
}

async function pushPlatform(
  client: PushClient,
  repository: string,
  format: ImageFormat,
  platform: string,
  seed: string,
  tag: string | undefined,
): Promise<PushedManifest> {
  const types = mediaTypesFor(format);
  const layer = makeLayer("alpinize-test.txt", `seed=${seed} platform=${platform}\n`);
  const { os, architecture, variant } = platformObject(platform);
  const config = Buffer.from(
    JSON.stringify({
      architecture,
      os,
      ...(variant ? { variant } : {}),
      created: "2026-01-01T00:00:00Z",
      config: { Cmd: ["/bin/sh"], Labels: { "org.alpinize.test.seed": seed } },
      rootfs: { type: "layers", diff_ids: [layer.diffId] },
      history: [{ created: "2026-01-01T00:00:00Z", created_by: "alpinize testkit" }],
    }),
  );
  const configDigest = await uploadBlob(client, repository, config);
  const layerDigest = await uploadBlob(client, repository, layer.blob);
  const manifest = {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: { mediaType: types.config, digest: configDigest, size: config.length },
    layers: [{ mediaType: types.layer, digest: layerDigest, size: layer.blob.length }],
  };
  const pushed = await putManifest(client, repository, tag, types.manifest, manifest);
  return { platform, ...pushed, mediaType: types.manifest };
}

async function pushAttestation(
  client: PushClient,
  repository: string,
  seed: string,
  subject: string,
): Promise<PushedManifest> {
  const statement = Buffer.from(
    JSON.stringify({
      _type: "https://in-toto.io/Statement/v0.1",
      predicateType: "https://slsa.dev/provenance/v0.2",
      subject: [{ name: "alpinize-test", digest: { sha256: subject.slice(7) } }],
      predicate: { seed },
    }),
  );
  const config = Buffer.from(
    JSON.stringify({
      architecture: "unknown",
      os: "unknown",
      config: {},
      rootfs: { type: "layers", diff_ids: [sha256(statement)] },
    }),
  );
  const configDigest = await uploadBlob(client, repository, config);
  const statementDigest = await uploadBlob(client, repository, statement);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: config.length },
    layers: [
      {
        mediaType: MEDIA.inToto,
        digest: statementDigest,
        size: statement.length,
        annotations: { "in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2" },
      },
    ],
  };
  const pushed = await putManifest(client, repository, undefined, MEDIA.ociManifest, manifest);
  return { platform: "unknown/unknown", ...pushed, mediaType: MEDIA.ociManifest };
}

async function uploadBlob(client: PushClient, repository: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const start = await client.expect("POST", `/v2/${repository}/blobs/uploads/`, 202);
  await start.arrayBuffer();
  const location = start.headers.get("location");
  if (!location) throw new Error("push: the registry gave no upload Location");
  const url = new URL(location, "http://placeholder.invalid");
  url.searchParams.set("digest", digest);
  const target = location.startsWith("http") ? url.toString() : `${url.pathname}${url.search}`;
  const done = await client.expect("PUT", target, 201, {
    body: blob,
    headers: { "content-type": "application/octet-stream" },
  });
  await done.arrayBuffer();
  return digest;
}

async function putManifest(
  client: PushClient,
  repository: string,
  tag: string | undefined,
  mediaType: string,
  manifest: object,
): Promise<{ digest: string; size: number }> {
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const digest = sha256(bytes);
  const res = await client.expect("PUT", `/v2/${repository}/manifests/${tag ?? digest}`, 201, {
    body: bytes,
    headers: { "content-type": mediaType },
  });
  await res.arrayBuffer();
  const answered = res.headers.get("docker-content-digest");
  if (answered && answered !== digest) {
    throw new Error(`push: registry stored ${answered}, expected ${digest}`);
  }
  return { digest, size: bytes.length };
}

function platformObject(platform: string): { os: string; architecture: string; variant?: string } {
  const [os, architecture, variant] = platform.split("/");
  if (!os || !architecture) throw new Error(`pushImage: bad platform "${platform}"`);
  return { os, architecture, ...(variant ? { variant } : {}) };
}

function attestationAnnotations(subject: string): Record<string, string> {
  return {
    "vnd.docker.reference.type": "attestation-manifest",
    "vnd.docker.reference.digest": subject,
  };
}

/** Copies the manifest the tag points at to more tags, byte for byte. */
async function tagAgain(
  client: PushClient,
  repository: string,
  tag: string,
  mediaType: string,
  extraTags: string[],
): Promise<void> {
  if (extraTags.length === 0) return;
  const res = await client.expect("GET", `/v2/${repository}/manifests/${tag}`, 200, {
    headers: { accept: mediaType },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  for (const extra of extraTags) {
    const put = await client.expect("PUT", `/v2/${repository}/manifests/${extra}`, 201, {
      body: bytes,
      headers: { "content-type": mediaType },
    });
    await put.arrayBuffer();
  }
}
