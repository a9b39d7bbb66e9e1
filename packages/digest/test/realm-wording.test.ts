import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIGEST_ERRORS, type Resolver } from "../src/index.js";
import { type FakeFaultProxy, startFakeFaultProxy } from "./fake-fault-proxy.js";
import { loggedIn, seed } from "./fixtures.js";

// What the errors say when a registry (a real one behind the FAKE fault proxy) misbehaves:
// each names what happened, and never suggests logging in where that cannot help.

describe("a token registry naming a broken realm", () => {
  let registry: StartedRegistry;
  let proxy: FakeFaultProxy;
  let session: { resolver: Resolver; remove(): Promise<void> };

  beforeAll(async () => {
    registry = await startRegistry({ auth: "token" });
    await seed(registry);
    proxy = await startFakeFaultProxy(registry.url);
  }, 60_000);
  // A resolver keeps the realm it learned: each test starts a fresh one.
  beforeEach(async () => {
    session = await loggedIn(proxy.host);
  });
  afterEach(async () => {
    proxy.faults = {};
    session.resolver.close();
    await session.remove();
  });
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });

  it("says a file: realm is not an http(s) URL, though the registry was reached over http", async () => {
    proxy.faults.realm = "file:///etc/passwd";
    const before = registry.tokenRequests!().length;
    const err = await session.resolver.resolve(`${proxy.host}/team/app:1.0`).catch((e) => e);
    expect(err).toMatchObject({
      code: DIGEST_ERRORS.registry,
      message: `${proxy.host}/team/app:1.0: refusing the token realm file:///etc/passwd named by ${proxy.host}: a token realm must be an http(s) URL, nothing was sent there`,
    });
    expect(err.hint).not.toMatch(/reached over https/);
    expect(registry.tokenRequests!().length).toBe(before);
  });

  it("says a plain-http realm elsewhere is refused for its host, not for https", async () => {
    proxy.faults.realm = "http://auth.example.invalid/token";
    const err = await session.resolver.resolve(`${proxy.host}/team/app:1.0`).catch((e) => e);
    expect(err.code).toBe(DIGEST_ERRORS.insecure);
    expect(err.message).toMatch(
      /plain http carries credentials only to loopback or to the registry's own host$/,
    );
    expect(err.hint).not.toMatch(/reached over https/);
  });

  it("says the challenge names no realm, and does not suggest logging in", async () => {
    proxy.faults.realm = "";
    const err = await session.resolver.resolve(`${proxy.host}/team/app:1.0`).catch((e) => e);
    expect(err.code).toBe(DIGEST_ERRORS.unauthorized);
    expect(err.message).toContain("asks for a Bearer token but its challenge names no token realm");
    expect(err.message).not.toContain("without a challenge");
    expect(err.hint).toMatch(/^Logging in does not help/);
    expect(err.hint).not.toContain("docker login");
  });
});
