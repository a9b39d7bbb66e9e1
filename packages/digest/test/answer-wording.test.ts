import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, type Resolver } from "../src/index.js";
import { type FakeFaultProxy, startFakeFaultProxy } from "./fake-fault-proxy.js";
import { cleanEnv, FAST_RETRY, loggedIn, seed } from "./fixtures.js";

// What the errors say when a registry (a real one behind the FAKE fault proxy) misbehaves:
// each names what happened, and never suggests logging in where that cannot help.

describe("a registry answering with limits and oversized headers", () => {
  let registry: StartedRegistry;
  let proxy: FakeFaultProxy;
  let resolver: Resolver | undefined;

  beforeAll(async () => {
    registry = await startRegistry({ auth: "htpasswd" });
    await seed(registry);
    proxy = await startFakeFaultProxy(registry.url);
  }, 60_000);
  afterEach(() => {
    proxy.faults = {};
    proxy.hits.length = 0;
    resolver?.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });
  const manifestHits = () => proxy.hits.filter((h) => h.path.includes("/manifests/"));

  it("does not suggest logging in on a 429 to a pull that used credentials", async () => {
    const session = await loggedIn(proxy.host);
    resolver = session.resolver;
    try {
      proxy.faults.fail = { count: 1, status: 429, headers: { "retry-after": "3600" } };
      const err = await resolver.resolve(`${proxy.host}/team/app:1.0`).catch((e) => e);
      expect(err.code).toBe(DIGEST_ERRORS.rateLimited);
      expect(err.hint).toMatch(
        /^Wait 3600 s \(the registry's Retry-After\) and run again: the pulls already used the credentials from .*config\.json/,
      );
      expect(err.hint).not.toMatch(/log in/);
    } finally {
      await session.remove();
    }
  });

  it("still suggests logging in on a 429 to an anonymous pull", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    proxy.faults.fail = { count: 1, status: 429, headers: { "retry-after": "3600" } };
    const err = await resolver.resolve(`${proxy.host}/team/app:1.0`).catch((e) => e);
    expect(err.code).toBe(DIGEST_ERRORS.rateLimited);
    expect(err.hint).toBe(
      "Wait 3600 s (the registry's Retry-After), or log in: authenticated pulls get a higher limit.",
    );
  });

  it("says the answer's headers were too large, not that the registry is unreachable", async () => {
    const session = await loggedIn(proxy.host);
    resolver = session.resolver;
    try {
      proxy.faults.fail = { count: 5, status: 200, headers: { "x-pad": "a".repeat(70_000) } };
      const err = await resolver.resolve(`${proxy.host}/team/app:1.0`).catch((e) => e);
      expect(err).toMatchObject({
        code: DIGEST_ERRORS.tooLarge,
        message: `${proxy.host}/team/app:1.0: ${proxy.host} answered /v2/team/app/manifests/1.0 with headers over the 16 KiB allowed (HPE_HEADER_OVERFLOW)`,
      });
      expect(err.hint).not.toMatch(/your network/);
      // The registry did answer: asking again gets the same headers.
      expect(manifestHits()).toHaveLength(1);
    } finally {
      await session.remove();
    }
  });
});
