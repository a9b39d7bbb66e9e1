import {
  freePort,
  pushImage,
  type StartedDockerd,
  type StartedRegistry,
  startDockerd,
  startRegistry,
} from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, MEDIA_TYPES } from "../src/index.js";
import { startFakeFaultProxy } from "./fake-fault-proxy.js";
import {
  ALICE,
  basicAuth,
  cleanEnv,
  dockerConfig,
  FAST_RETRY,
  type Seeded,
  seed,
} from "./fixtures.js";

describe("the daemon path against a real dockerd", () => {
  let dockerd: StartedDockerd;
  let registry: StartedRegistry;
  let pushed: Seeded;
  let dockerSingle: string;
  let config: Awaited<ReturnType<typeof dockerConfig>>;

  beforeAll(async () => {
    [dockerd, registry] = await Promise.all([startDockerd(), startRegistry({ auth: "htpasswd" })]);
    pushed = await seed(registry);
    const single = await pushImage(registry.url, "team/dsingle", "1", {
      credentials: ALICE,
      platforms: ["linux/arm64/v8"],
      format: "docker",
      index: false,
    });
    dockerSingle = single.digest;
    config = await dockerConfig({
      auths: { [registry.host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
  }, 120_000);
  afterAll(async () => {
    await config?.remove();
    await Promise.all([dockerd?.stop(), registry?.stop()]);
  }, 60_000);

  const daemonResolver = (
    via: "daemon" | "auto",
    extra: NodeJS.ProcessEnv = { DOCKER_CONFIG: config.dir },
  ) =>
    createResolver({
      via,
      env: cleanEnv({ DOCKER_HOST: `unix://${dockerd.socketPath}`, ...extra }),
      retry: FAST_RETRY,
    });

  it("gets the index digest and platforms, passing our credentials as X-Registry-Auth", async () => {
    const resolver = daemonResolver("daemon");
    const got = await resolver.resolve(`${registry.host}/team/app:1.0`);
    expect(got).toMatchObject({
      via: "daemon",
      digest: pushed.app.indexDigest,
      mediaType: MEDIA_TYPES.ociIndex,
    });
    expect(got.platforms).toEqual(["linux/amd64", "linux/arm64/v8"]);
  });

  it("checks the daemon's platforms: confirms a single manifest, refuses what is absent", async () => {
    const resolver = daemonResolver("daemon");
    const single = await resolver.resolve(`${registry.host}/team/dsingle:1`, {
      platform: "linux/arm64",
    });
    expect(single).toMatchObject({ digest: dockerSingle, platform: "linux/arm64/v8" });
    await expect(
      resolver.resolve(`${registry.host}/team/dsingle:1`, { platform: "linux/amd64" }),
    ).rejects.toMatchObject({
      code: DIGEST_ERRORS.platform,
    });
    await expect(
      resolver.resolve(`${registry.host}/team/app:1.0`, { platform: "linux/arm64" }),
    ).rejects.toThrow(/no per-platform digest/);
  });

  it("tells a refusal without credentials from a missing tag", async () => {
    const resolver = daemonResolver("daemon", {});
    await expect(resolver.resolve(`${registry.host}/team/app:1.0`)).rejects.toMatchObject({
      code: DIGEST_ERRORS.unauthorized,
    });
    await expect(
      daemonResolver("daemon").resolve(`${registry.host}/team/app:nope`),
    ).rejects.toMatchObject({
      code: DIGEST_ERRORS.notFound,
    });
  });

  it("with via auto, gets the answer from the daemon when only we cannot reach the registry", async () => {
    const proxy = await startFakeFaultProxy(registry.url);
    proxy.faults.dropUserAgent = /^alpinize/;
    const auth = { auths: { [proxy.host]: { auth: basicAuth(ALICE.username, ALICE.password) } } };
    const proxied = await dockerConfig(auth);
    const resolver = daemonResolver("auto", { DOCKER_CONFIG: proxied.dir });
    try {
      const got = await resolver.resolve(`${proxy.host}/team/app:1.0`);
      expect(got).toMatchObject({ via: "daemon", digest: pushed.app.indexDigest });
      expect(proxy.hits.some((h) => h.path.startsWith("/v2/team/app/manifests/"))).toBe(true);
    } finally {
      resolver.close();
      await proxied.remove();
      await proxy.close();
    }
  });

  it("with via auto, says so when neither the registry nor the daemon can help", async () => {
    const closed = await freePort();
    const resolver = daemonResolver("auto");
    await expect(resolver.resolve(`127.0.0.1:${closed}/x/y:1`)).rejects.toThrow(
      /cannot reach http:\/\/127\.0\.0\.1:\d+.*and the Docker daemon could not help/,
    );
  });

  it("names the daemon it could not reach", async () => {
    const resolver = createResolver({
      via: "daemon",
      env: cleanEnv({ DOCKER_HOST: "unix:///nonexistent/docker.sock" }),
    });
    await expect(resolver.resolve(`${registry.host}/team/app:1.0`)).rejects.toThrow(
      /cannot reach the Docker daemon at unix:\/\/\/nonexistent\/docker.sock/,
    );
  });
});
