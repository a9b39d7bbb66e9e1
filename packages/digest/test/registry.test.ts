import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createResolver,
  DIGEST_ERRORS,
  MEDIA_TYPES,
  type Resolver,
  resolveMany,
} from "../src/index.js";
import {
  ALICE,
  basicAuth,
  cleanEnv,
  dockerConfig,
  FAST_RETRY,
  type Seeded,
  seed,
} from "./fixtures.js";

describe.each(["none", "htpasswd", "token"] as const)("registry with auth=%s", (auth) => {
  let registry: StartedRegistry;
  let pushed: Seeded;
  let config: Awaited<ReturnType<typeof dockerConfig>>;
  let resolver: Resolver;

  beforeAll(async () => {
    registry = await startRegistry({ auth });
    pushed = await seed(registry);
    config = await dockerConfig({
      auths: { [registry.host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    resolver = createResolver({ env: cleanEnv({ DOCKER_CONFIG: config.dir }), retry: FAST_RETRY });
  }, 60_000);
  afterAll(async () => {
    resolver?.close();
    await config?.remove();
    await registry?.stop();
  });

  it("resolves a tag to the index digest, with the index media type", async () => {
    const got = await resolver.resolve(`${registry.host}/team/app:1.0`);
    expect(got.digest).toBe(pushed.app.indexDigest);
    expect(got.mediaType).toBe(MEDIA_TYPES.ociIndex);
    expect(got.via).toBe("registry");
    expect(got.canonical).toBe(`${registry.host}/team/app:1.0`);
  });

  it("resolves a Docker manifest list and a single-arch manifest", async () => {
    const legacy = await resolver.resolve(`${registry.host}/team/legacy:2.0`);
    expect(legacy).toMatchObject({
      digest: pushed.legacy.indexDigest,
      mediaType: MEDIA_TYPES.dockerList,
    });
    const single = await resolver.resolve(`${registry.host}/team/single:1`);
    expect(single).toMatchObject({
      digest: pushed.single.digest,
      mediaType: MEDIA_TYPES.ociManifest,
    });
  });

  it("picks a platform's child, arm64 meaning arm64/v8, and skips the attestation entry", async () => {
    const ref = `${registry.host}/team/app:1.0`;
    const arm = await resolver.resolve(ref, { platform: "linux/arm64" });
    expect(arm.digest).toBe(pushed.app.manifests[1]!.digest);
    expect(arm).toMatchObject({ platform: "linux/arm64/v8", indexDigest: pushed.app.indexDigest });
    expect(arm.platforms).toEqual(["linux/amd64", "linux/arm64/v8"]);
    const amd = await resolver.resolve(ref, { platform: "linux/amd64" });
    expect(amd.digest).toBe(pushed.app.manifests[0]!.digest);
    await expect(resolver.resolve(ref, { platform: "unknown/unknown" })).rejects.toMatchObject({
      code: DIGEST_ERRORS.platform,
    });
    await expect(resolver.resolve(ref, { platform: "linux/s390x" })).rejects.toThrow(
      /has no linux\/s390x image \(it has linux\/amd64, linux\/arm64\/v8\)/,
    );
  });

  it("says so when a single-arch tag is asked for another platform", async () => {
    const ref = `${registry.host}/team/single:1`;
    await expect(resolver.resolve(ref, { platform: "linux/arm64" })).rejects.toThrow(
      /single-platform image for linux\/amd64, not linux\/arm64\/v8/,
    );
    expect((await resolver.resolve(ref, { platform: "linux/amd64" })).digest).toBe(
      pushed.single.digest,
    );
  });

  it("checks references by digest and re-resolves tag@digest from the tag", async () => {
    const byDigest = await resolver.resolve(`${registry.host}/team/app@${pushed.app.indexDigest}`);
    expect(byDigest.digest).toBe(pushed.app.indexDigest);
    const stale = `sha256:${"0".repeat(64)}`;
    const repinned = await resolver.resolve(`${registry.host}/team/app:1.0@${stale}`);
    expect(repinned).toMatchObject({ digest: pushed.app.indexDigest, previousDigest: stale });
    await expect(resolver.resolve(`${registry.host}/team/app@${stale}`)).rejects.toMatchObject({
      code: DIGEST_ERRORS.notFound,
    });
  });

  it("reports a missing tag as not found, with exit code 1", async () => {
    await expect(resolver.resolve(`${registry.host}/team/app:nope`)).rejects.toMatchObject({
      code: DIGEST_ERRORS.notFound,
      exitCode: 1,
    });
  });

  it.skipIf(auth === "none")("refuses without credentials and with wrong ones", async () => {
    const anonymous = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    const wrong = await dockerConfig({
      auths: { [registry.host]: { auth: basicAuth("alice", "nope") } },
    });
    const mistaken = createResolver({
      env: cleanEnv({ DOCKER_CONFIG: wrong.dir }),
      retry: FAST_RETRY,
    });
    try {
      // The token server gives anonymous callers pull; htpasswd has no anonymous access.
      if (auth === "htpasswd") {
        await expect(anonymous.resolve(`${registry.host}/team/app:1.0`)).rejects.toMatchObject({
          code: DIGEST_ERRORS.unauthorized,
        });
      }
      await expect(mistaken.resolve(`${registry.host}/team/app:1.0`)).rejects.toMatchObject({
        code: DIGEST_ERRORS.unauthorized,
      });
    } finally {
      anonymous.close();
      mistaken.close();
      await wrong.remove();
    }
  });

  it("resolves many references in order, reporting failures beside successes", async () => {
    const refs = [
      `${registry.host}/team/legacy:2.0`,
      `${registry.host}/team/app:missing`,
      "Bad/Upper:case",
      `${registry.host}/team/app:1.0`,
    ];
    const out = await resolveMany(resolver, refs);
    expect(out.map((o) => o.reference)).toEqual(refs);
    expect(out[0]!.result?.digest).toBe(pushed.legacy.indexDigest);
    expect(out[1]!.error).toMatchObject({ code: DIGEST_ERRORS.notFound, exitCode: 1 });
    expect(out[2]!.error).toMatchObject({ code: "ALPINIZE_REF_INVALID", exitCode: 2 });
    expect(out[3]!.result?.digest).toBe(pushed.app.indexDigest);
  });
});
