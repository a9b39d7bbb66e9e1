import { describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, type Resolver } from "../src/index.js";
import { basicAuth, cleanEnv, dockerConfig, FAST_RETRY } from "./fixtures.js";
import { proxiedRegistry } from "./proxied-registry.js";

// A 429 from the FAKE fault proxy in front of a real registry that asks for no credentials:
// how long the hint says to wait, whether it suggests logging in, and how often it is retried.

describe("a 429 from a registry without an auth challenge", () => {
  let resolver: Resolver | undefined;
  const reg = proxiedRegistry({}, () => resolver);

  /** A fresh resolver whose retries note their waits instead of sleeping. */
  function noSleepResolver(env = cleanEnv()): { resolver: Resolver; waits: number[] } {
    const waits: number[] = [];
    resolver?.close();
    reg.proxy.hits.length = 0;
    resolver = createResolver({
      env,
      retry: { ...FAST_RETRY, sleep: async (ms) => void waits.push(ms) },
    });
    return { resolver, waits };
  }

  async function hintFor(retryAfter: string | undefined, env = cleanEnv()): Promise<string> {
    const { resolver, waits } = noSleepResolver(env);
    const headers: Record<string, string> = retryAfter ? { "retry-after": retryAfter } : {};
    reg.proxy.faults.fail = { count: 10, status: 429, headers };
    const err = await resolver.resolve(reg.ref).catch((e) => e);
    expect(err.code).toBe(DIGEST_ERRORS.rateLimited);
    // Not retried: no usable Retry-After, or one longer than a short wait.
    expect(reg.manifestHits()).toHaveLength(1);
    expect(waits).toEqual([]);
    return err.hint;
  }

  it.each([
    ["a date decades away", "Wed, 21 Oct 2099 07:28:00 GMT"],
    ["over a day in seconds", "90000"],
  ])("%s says to try later, without a number", async (_, value) => {
    expect(await hintFor(value)).toBe(
      "Try again later, or log in: authenticated pulls get a higher limit.",
    );
  });

  it.each([
    ["negative", "-5"],
    ["not a number", "soon"],
    ["absent", undefined],
  ])("%s gives no number", async (_, value) => {
    expect(await hintFor(value)).toBe("Wait, or log in: authenticated pulls get a higher limit.");
  });

  it("gives a near date as a wait from now, in minutes past two", async () => {
    const date = new Date(Date.now() + 10 * 60_000 - 500).toUTCString();
    expect(await hintFor(date)).toMatch(/^Wait (9|10) min \(the registry's Retry-After\), or/);
    expect(await hintFor("120")).toMatch(/^Wait 120 s \(/);
  });

  it("does not suggest logging in when credentials for the host are stored", async () => {
    const config = await dockerConfig({
      auths: { [reg.proxy.host]: { auth: basicAuth("u", "p") } },
    });
    try {
      const hint = await hintFor("3600", cleanEnv({ DOCKER_CONFIG: config.dir }));
      expect(hint).toBe(
        `Wait 60 min (the registry's Retry-After) and run again: ${reg.proxy.host} asked for no credentials, so the credentials from auths in ${config.dir}/config.json (from $DOCKER_CONFIG) were not sent and logging in again would not raise the limit.`,
      );
    } finally {
      await config.remove();
    }
  });

  it("waits out a short Retry-After, as often as the retries allow", async () => {
    const { resolver, waits } = noSleepResolver();
    reg.proxy.faults.fail = { count: 10, status: 429, headers: { "retry-after": "5" } };
    await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({
      code: DIGEST_ERRORS.rateLimited,
    });
    expect(waits).toEqual([5000, 5000]);
    expect(reg.manifestHits()).toHaveLength(3);
    reg.proxy.hits.length = 0;
    reg.proxy.faults.fail = { count: 10, status: 429, headers: { "retry-after": "6" } };
    await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({
      code: DIGEST_ERRORS.rateLimited,
    });
    expect(reg.manifestHits()).toHaveLength(1);
  });
});
