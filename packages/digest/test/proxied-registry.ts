import { type StartedRegistry, type StartRegistryOptions, startRegistry } from "@alpinize/testkit";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Resolver } from "../src/index.js";
import { type FakeFaultProxy, startFakeFaultProxy } from "./fake-fault-proxy.js";
import { type Seeded, seed } from "./fixtures.js";

/** A seeded real registry behind the fake fault proxy; fields are set once beforeAll has run. */
export interface ProxiedRegistry {
  registry: StartedRegistry;
  pushed: Seeded;
  proxy: FakeFaultProxy;
  /** The seeded `team/app:1.0`, named through the proxy. */
  ref: string;
  /** The manifest requests the proxy saw in this test. */
  manifestHits(): FakeFaultProxy["hits"];
}

/**
 * For the calling describe block: starts a registry (`options`), seeds it and puts the fake
 * fault proxy in front, once; after each test clears the faults and hits and closes the resolver
 * the test left (`resolver()`); stops both after the block.
 */
export function proxiedRegistry(
  options: StartRegistryOptions,
  resolver: () => Resolver | undefined,
): ProxiedRegistry {
  const env = {
    manifestHits: () => env.proxy.hits.filter((h) => h.path.includes("/manifests/")),
  } as ProxiedRegistry;
  beforeAll(async () => {
    env.registry = await startRegistry(options);
    env.pushed = await seed(env.registry);
    env.proxy = await startFakeFaultProxy(env.registry.url);
    env.ref = `${env.proxy.host}/team/app:1.0`;
  }, 60_000);
  afterEach(() => {
    env.proxy.faults = {};
    env.proxy.hits.length = 0;
    resolver()?.close();
  });
  afterAll(async () => {
    await env.proxy?.close();
    await env.registry?.stop();
  });
  return env;
}
