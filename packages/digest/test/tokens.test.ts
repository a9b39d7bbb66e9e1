import { pushImage, type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, resolveMany } from "../src/index.js";
import { ALICE, cleanEnv, FAST_RETRY } from "./fixtures.js";

const REPOS = ["tok/a", "tok/b", "tok/c", "tok/d", "tok/e", "tok/f"];

async function seedRepos(registry: StartedRegistry): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const repo of REPOS) {
    const pushed = await pushImage(registry.url, repo, "1", { credentials: ALICE });
    digests.set(repo, pushed.digest);
  }
  return digests;
}

describe.each(["all", "first"] as const)(
  "token auth, registry grants %s scopes per request",
  (mode) => {
    let registry: StartedRegistry;
    let digests: Map<string, string>;

    beforeAll(async () => {
      registry = await startRegistry({ auth: "token", tokenScopeMode: mode });
      digests = await seedRepos(registry);
    }, 60_000);
    afterAll(async () => {
      await registry?.stop();
    });

    it("uses at most one token request per repository scope and one HEAD per reference", async () => {
      const refs = [...REPOS.map((r) => `${registry.host}/${r}:1`), `${registry.host}/tok/a:1`];
      const tokensBefore = registry.tokenRequests!().length;
      const logBefore = (await registry.accessLog()).length;
      const resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
      const out = await resolveMany(resolver, refs);
      resolver.close();
      expect(out.map((o) => o.result?.digest)).toEqual(
        [...REPOS, "tok/a"].map((r) => digests.get(r)),
      );
      const tokens = registry.tokenRequests!().slice(tokensBefore);
      const log = (await registry.accessLog()).slice(logBefore);
      const heads = log.filter((e) => e.method === "HEAD");
      expect(heads.filter((e) => e.status === 200)).toHaveLength(REPOS.length);
      if (mode === "all") {
        expect(heads).toHaveLength(REPOS.length);
        expect(tokens).toHaveLength(1);
        expect(tokens[0]!.scopes).toEqual(REPOS.map((r) => `repository:${r}:pull`));
      } else {
        // The multi-scope token covers only the first repository; each other one gets its own.
        // Finding that out costs at most one refused HEAD per repository.
        expect(tokens).toHaveLength(REPOS.length);
        expect(heads.length).toBeLessThanOrEqual(2 * REPOS.length - 1);
        expect(new Set(tokens.slice(1).map((t) => t.scopes.join(" "))).size).toBe(REPOS.length - 1);
      }
    });

    it("reuses cached tokens across calls", async () => {
      const resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
      const before = registry.tokenRequests!().length;
      await resolver.resolve(`${registry.host}/tok/b:1`);
      await resolver.resolve(`${registry.host}/tok/b:1`, { platform: "linux/amd64" });
      await resolver.resolve(`${registry.host}/tok/b@${digests.get("tok/b")}`);
      resolver.close();
      expect(registry.tokenRequests!().length - before).toBe(1);
    });
  },
);
