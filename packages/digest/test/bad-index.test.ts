import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS } from "../src/index.js";
import { type FakeFaultProxy, startFakeFaultProxy } from "./fake-fault-proxy.js";
import { cleanEnv, FAST_RETRY, seed } from "./fixtures.js";

// No real registry stores such an index (it refuses the push), so the fake proxy serves it.
describe("malformed image indexes served by a fake proxy", () => {
  let registry: StartedRegistry;
  let proxy: FakeFaultProxy;

  beforeAll(async () => {
    registry = await startRegistry();
    await seed(registry);
    proxy = await startFakeFaultProxy(registry.url);
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });

  const index = (manifests: unknown) =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      ...(manifests === undefined ? {} : { manifests }),
    });

  it.each([
    ["an object", {}, /manifests field is not an array/],
    ["a string", "sha256:abc", /manifests field is not an array/],
    ["missing", undefined, /image index without a manifests list/],
  ])("refuses an index whose manifests is %s", async (_what, manifests, message) => {
    proxy.faults = { indexBody: index(manifests) };
    const resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    try {
      for (const platform of [undefined, "linux/amd64"]) {
        await expect(
          resolver.resolve(`${proxy.host}/team/app:1.0`, platform ? { platform } : {}),
        ).rejects.toMatchObject({ code: DIGEST_ERRORS.badManifest, message });
      }
    } finally {
      resolver.close();
    }
  });

  it("still takes a well-formed empty index", async () => {
    proxy.faults = { indexBody: index([]) };
    const resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    try {
      const got = await resolver.resolve(`${proxy.host}/team/app:1.0`);
      expect(got.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    } finally {
      resolver.close();
    }
  });
});
