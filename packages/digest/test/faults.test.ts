import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, MEDIA_TYPES, type Resolver } from "../src/index.js";
import {
  startFakeChallenger,
  startFakeFaultProxy,
  startFakeOtherHost,
} from "./fake-fault-proxy.js";
import {
  ALICE,
  basicAuth,
  cleanEnv,
  dockerConfig,
  FAST_RETRY,
  type Seeded,
  seed,
} from "./fixtures.js";
import { proxiedRegistry } from "./proxied-registry.js";

describe("faults injected by a fake proxy in front of a real registry", () => {
  let resolver: Resolver | undefined;
  const reg = proxiedRegistry({}, () => resolver);

  it("hashes the exact bytes with a GET when the digest header is missing", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.stripDigest = true;
    const got = await resolver.resolve(reg.ref);
    expect(got.digest).toBe(reg.pushed.app.indexDigest);
    expect(reg.manifestHits().map((h) => h.method)).toEqual(["HEAD", "GET"]);
  });

  it("trusts the bytes over a wrong digest header when it fetches the body", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.wrongDigest = `sha256:${"b".repeat(64)}`;
    const got = await resolver.resolve(reg.ref, { verify: true });
    expect(got.digest).toBe(reg.pushed.app.indexDigest);
    expect(got.notes?.[0]).toMatch(/does not match the manifest bytes/);
  });

  it("refuses a by-digest answer whose bytes hash to something else", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.corruptBody = true;
    const byDigest = `${reg.proxy.host}/team/app@${reg.pushed.app.indexDigest}`;
    await expect(resolver.resolve(byDigest, { platform: "linux/amd64" })).rejects.toMatchObject({
      code: DIGEST_ERRORS.mismatch,
    });
  });

  it("waits as long as Retry-After (seconds) says on 429, then succeeds", async () => {
    const waits: number[] = [];
    resolver = createResolver({
      env: cleanEnv(),
      retry: { ...FAST_RETRY, sleep: async (ms) => void waits.push(ms) },
    });
    reg.proxy.faults.fail = { count: 2, status: 429, headers: { "retry-after": "3" } };
    const got = await resolver.resolve(reg.ref);
    expect(got.digest).toBe(reg.pushed.app.indexDigest);
    expect(waits).toEqual([3000, 3000]);
  });

  it("really sleeps for an HTTP-date Retry-After, and retries 5xx with backoff", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: { baseDelayMs: 5, retries: 3 } });
    const date = new Date(Date.now() + 1500).toUTCString();
    reg.proxy.faults.fail = { count: 1, status: 429, headers: { "retry-after": date } };
    const started = Date.now();
    expect((await resolver.resolve(reg.ref)).digest).toBe(reg.pushed.app.indexDigest);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    reg.proxy.faults.fail = { count: 2, status: 503 };
    reg.proxy.hits.length = 0;
    expect((await resolver.resolve(`${reg.proxy.host}/team/legacy:2.0`)).digest).toBe(
      reg.pushed.legacy.indexDigest,
    );
    expect(reg.manifestHits()).toHaveLength(3);
  });

  it("gives up on 429 once the retries run out, and never retries 403 or 404", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.fail = { count: 10, status: 429, headers: { "retry-after": "0" } };
    await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({
      code: DIGEST_ERRORS.rateLimited,
    });
    expect(reg.manifestHits()).toHaveLength(3);
    for (const status of [403, 404]) {
      reg.proxy.hits.length = 0;
      reg.proxy.faults.fail = { count: 10, status };
      await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({
        code: status === 403 ? DIGEST_ERRORS.denied : DIGEST_ERRORS.notFound,
      });
      expect(reg.manifestHits()).toHaveLength(1);
    }
  });

  it("reports the registry's rate-limit headers", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.addHeaders = {
      "ratelimit-limit": "100;w=21600",
      "ratelimit-remaining": "97;w=21600",
    };
    const got = await resolver.resolve(reg.ref);
    expect(got.rateLimit).toEqual({ limit: "100;w=21600", remaining: "97;w=21600" });
  });

  it("takes the media type from the manifest when the registry says application/json", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults = { contentType: "application/json" };
    const got = await resolver.resolve(`${reg.proxy.host}/team/legacy:2.0`);
    expect(got).toMatchObject({
      digest: reg.pushed.legacy.indexDigest,
      mediaType: MEDIA_TYPES.dockerList,
    });
    expect(reg.manifestHits().map((h) => h.method)).toEqual(["HEAD", "GET"]);
  });

  it("rejects schema 1 manifests and oversized bodies", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.contentType = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    await expect(resolver.resolve(reg.ref)).rejects.toThrow(/schema 1/);
    reg.proxy.faults = { stripDigest: true, hugeBody: 5 * 1024 * 1024 };
    await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({
      code: DIGEST_ERRORS.tooLarge,
      // Sizes in units people read (the limit was printed as 4194304).
      message: expect.stringMatching(
        / sent \d+(?:\.\d)? MiB for \S+, more than the 4 MiB allowed$/,
      ),
    });
  });

  it("reports a 401 without any challenge as unauthorized", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.fail = { count: 1, status: 401, body: '{"errors":[{"code":"DENIED"}]}' };
    await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({
      code: DIGEST_ERRORS.unauthorized,
    });
  });

  it("asks plain http only of loopback or named insecure hosts", async () => {
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
    reg.proxy.faults.redirectTo = `http://localhost.invalid.example:1/`;
    await expect(resolver.resolve(reg.ref)).rejects.toMatchObject({ code: DIGEST_ERRORS.insecure });
  });
});

describe("token realms", () => {
  let registry: StartedRegistry;

  beforeAll(async () => {
    registry = await startRegistry({ auth: "token" });
    await seed(registry);
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it("refuses a plain-http realm on another host before sending anything there", async () => {
    const proxy = await startFakeFaultProxy(registry.url);
    const config = await dockerConfig({
      auths: { [proxy.host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    const resolver = createResolver({
      env: cleanEnv({ DOCKER_CONFIG: config.dir }),
      retry: FAST_RETRY,
    });
    const before = registry.tokenRequests!().length;
    try {
      proxy.faults.realm = "http://auth.example.invalid/token";
      await expect(resolver.resolve(`${proxy.host}/team/app:1.0`)).rejects.toMatchObject({
        code: DIGEST_ERRORS.insecure,
      });
      expect(registry.tokenRequests!().length).toBe(before);
    } finally {
      resolver.close();
      await config.remove();
      await proxy.close();
    }
  });

  it("never re-sends an identity token to the host a token realm redirects to", async () => {
    const proxy = await startFakeFaultProxy(registry.url);
    const elsewhere = await startFakeChallenger();
    const realm = await startFakeChallenger({ tokenRedirect: `${elsewhere.url}/token` });
    const config = await dockerConfig({
      auths: { [proxy.host]: { identitytoken: "refresh-secret" } },
    });
    const resolver = createResolver({
      env: cleanEnv({ DOCKER_CONFIG: config.dir }),
      retry: FAST_RETRY,
    });
    try {
      // The registry names this realm, so the refresh grant may go there; not where it points.
      proxy.faults.realm = `${realm.url}/token`;
      await expect(resolver.resolve(`${proxy.host}/team/app:1.0`)).rejects.toMatchObject({
        code: DIGEST_ERRORS.redirect,
      });
      expect(realm.seen.some((r) => r.body.includes("refresh-secret"))).toBe(true);
      expect(elsewhere.seen).toEqual([]);
    } finally {
      resolver.close();
      await config.remove();
      await realm.close();
      await elsewhere.close();
      await proxy.close();
    }
  });
});

describe("credentials and cross-host redirects", () => {
  let registry: StartedRegistry;
  let pushed: Seeded;

  beforeAll(async () => {
    registry = await startRegistry({ auth: "htpasswd" });
    pushed = await seed(registry);
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it("never sends Authorization to the host a redirect points at", async () => {
    const basic = `Basic ${basicAuth(ALICE.username, ALICE.password)}`;
    const proxy = await startFakeFaultProxy(registry.url);
    const other = await startFakeOtherHost(registry.url, basic);
    const config = await dockerConfig({
      auths: { [proxy.host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    const resolver = createResolver({
      env: cleanEnv({ DOCKER_CONFIG: config.dir }),
      retry: FAST_RETRY,
    });
    try {
      proxy.faults.redirectTo = other.url;
      const got = await resolver.resolve(`${proxy.host}/team/app:1.0`);
      expect(got).toMatchObject({
        digest: pushed.app.indexDigest,
        mediaType: MEDIA_TYPES.ociIndex,
      });
      expect(proxy.hits.some((h) => h.authorization === basic)).toBe(true);
      expect(other.seen.length).toBeGreaterThan(0);
      expect(other.seen.every((a) => a === undefined)).toBe(true);
    } finally {
      resolver.close();
      await config.remove();
      await other.close();
      await proxy.close();
    }
  });

  it("takes no challenge from the host a /v2/ ping redirects to", async () => {
    const proxy = await startFakeFaultProxy(registry.url);
    const fishing = await startFakeChallenger();
    const config = await dockerConfig({
      auths: { [proxy.host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    const resolver = createResolver({
      env: cleanEnv({ DOCKER_CONFIG: config.dir }),
      retry: FAST_RETRY,
    });
    try {
      proxy.faults.redirectPing = fishing.url;
      const got = await resolver.resolve(`${proxy.host}/team/app:1.0`);
      // The registry's own challenge (htpasswd's Basic) is the one answered, on its own host.
      expect(got.digest).toBe(pushed.app.indexDigest);
      expect(fishing.seen.map((r) => r.path)).toEqual(["/v2/"]);
      expect(fishing.seen.every((r) => r.authorization === undefined)).toBe(true);
    } finally {
      resolver.close();
      await config.remove();
      await fishing.close();
      await proxy.close();
    }
  });
});
