import { pushImage, type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS } from "../src/index.js";
import { startFakeFaultProxy } from "./fake-fault-proxy.js";
import { ALICE, basicAuth, cleanEnv, dockerConfig, FAST_RETRY } from "./fixtures.js";

describe("a mirror for Docker Hub", () => {
  let registry: StartedRegistry;
  let digest: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: "htpasswd" });
    digest = (await pushImage(registry.url, "library/alpine", "3.23", { credentials: ALICE }))
      .digest;
  }, 30_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it("asks the mirror for docker.io references, with the mirror's credentials only", async () => {
    const proxy = await startFakeFaultProxy(registry.url);
    const hubOnly = await dockerConfig({
      auths: { "https://index.docker.io/v1/": { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    const both = await dockerConfig({
      auths: {
        "https://index.docker.io/v1/": { auth: basicAuth("hub-user", "hub-secret") },
        [proxy.host]: { auth: basicAuth(ALICE.username, ALICE.password) },
      },
    });
    const mirrors = { "docker.io": `http://${proxy.host}/` };
    const withHubOnly = createResolver({
      mirrors,
      env: cleanEnv({ DOCKER_CONFIG: hubOnly.dir }),
      retry: FAST_RETRY,
    });
    const withBoth = createResolver({
      mirrors,
      env: cleanEnv({ DOCKER_CONFIG: both.dir }),
      retry: FAST_RETRY,
    });
    try {
      await expect(withHubOnly.resolve("alpine:3.23")).rejects.toMatchObject({
        code: DIGEST_ERRORS.unauthorized,
      });
      expect(proxy.hits.every((h) => h.authorization === undefined)).toBe(true);
      const got = await withBoth.resolve("alpine:3.23");
      expect(got).toMatchObject({
        digest,
        registry: "docker.io",
        canonical: "docker.io/library/alpine:3.23",
      });
      const hub = `Basic ${basicAuth("hub-user", "hub-secret")}`;
      expect(proxy.hits.some((h) => h.authorization === hub)).toBe(false);
    } finally {
      withHubOnly.close();
      withBoth.close();
      await hubOnly.remove();
      await both.remove();
      await proxy.close();
    }
  });
});
