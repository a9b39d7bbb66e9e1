import { describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, type Resolver } from "../src/index.js";
import { cleanEnv, FAST_RETRY, loggedIn } from "./fixtures.js";
import { proxiedRegistry } from "./proxied-registry.js";

// What the errors say when a registry (a real one behind the FAKE fault proxy) misbehaves:
// each names what happened, and never suggests logging in where that cannot help.

describe("a registry answering with limits and oversized headers", () => {
  let resolver: Resolver | undefined;
  const reg = proxiedRegistry({ auth: "htpasswd" }, () => resolver);

  it("does not suggest logging in on a 429 to a pull that used credentials", async () => {
    const session = await loggedIn(reg.proxy.host);
    resolver = session.resolver;
    try {
      reg.proxy.faults.fail = { count: 1, status: 429, headers: { "retry-after": "3600" } };
      const err = await resolver.resolve(`${reg.proxy.host}/team/app:1.0`).catch((e) => e);
      expect(err.code).toBe(DIGEST_ERRORS.rateLimited);
      expect(err.hint).toMatch(
        /^Wait 60 min \(the registry's Retry-After\) and run again: the pulls already used the credentials from .*config\.json/,
      );
      expect(err.hint).not.toMatch(/log in/);
    } finally {
      await session.remove();
    }
  });

  it("still suggests logging in on a 429 to an anonymous pull", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.fail = { count: 1, status: 429, headers: { "retry-after": "3600" } };
    const err = await resolver.resolve(`${reg.proxy.host}/team/app:1.0`).catch((e) => e);
    expect(err.code).toBe(DIGEST_ERRORS.rateLimited);
    expect(err.hint).toBe(
      "Wait 60 min (the registry's Retry-After), or log in: authenticated pulls get a higher limit.",
    );
  });

  it("says the answer's headers were too large, not that the registry is unreachable", async () => {
    const session = await loggedIn(reg.proxy.host);
    resolver = session.resolver;
    try {
      reg.proxy.faults.fail = { count: 5, status: 200, headers: { "x-pad": "a".repeat(70_000) } };
      const err = await resolver.resolve(`${reg.proxy.host}/team/app:1.0`).catch((e) => e);
      expect(err).toMatchObject({
        code: DIGEST_ERRORS.tooLarge,
        message: `${reg.proxy.host}/team/app:1.0: ${reg.proxy.host} answered /v2/team/app/manifests/1.0 with headers over the 16 KiB allowed (HPE_HEADER_OVERFLOW)`,
      });
      expect(err.hint).not.toMatch(/your network/);
      // The registry did answer: asking again gets the same headers.
      expect(reg.manifestHits()).toHaveLength(1);
    } finally {
      await session.remove();
    }
  });
});
