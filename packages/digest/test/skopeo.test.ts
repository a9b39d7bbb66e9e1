import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { requireBinary, type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, type Resolver } from "../src/index.js";
import { ALICE, basicAuth, cleanEnv, dockerConfig, FAST_RETRY, seed } from "./fixtures.js";

const run = promisify(execFile);

/** The peer's answer, exactly as the issue words it: `skopeo inspect --raw … | skopeo manifest-digest /dev/stdin`. */
async function skopeoDigest(ref: string, creds?: string): Promise<{ digest: string; raw: string }> {
  const skopeo = requireBinary("skopeo");
  const args = ["--tls-verify=false", ...(creds ? ["--creds", creds] : []), `docker://${ref}`];
  const pipeline = '"$0" inspect --raw "$@" | "$0" manifest-digest /dev/stdin';
  const { stdout: digest } = await run("sh", ["-c", pipeline, skopeo, ...args], {
    encoding: "utf8",
  });
  const { stdout: raw } = await run(skopeo, ["inspect", "--raw", ...args], { encoding: "utf8" });
  return { digest: digest.trim(), raw };
}

describe.each(["none", "token"] as const)("same digests as skopeo (auth=%s)", (auth) => {
  let registry: StartedRegistry;
  let resolver: Resolver;
  let config: Awaited<ReturnType<typeof dockerConfig>>;
  const creds = auth === "none" ? undefined : `${ALICE.username}:${ALICE.password}`;

  beforeAll(async () => {
    registry = await startRegistry({ auth, tokenRequireAuth: true });
    await seed(registry);
    config = await dockerConfig({
      auths: { [registry.host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    resolver = createResolver({ env: cleanEnv({ DOCKER_CONFIG: config.dir }), retry: FAST_RETRY });
  }, 60_000);
  afterAll(async () => {
    resolver?.close();
    await config?.remove();
    await registry?.stop();
  });

  it.each(["team/app:1.0", "team/legacy:2.0", "team/single:1"])("%s", async (name) => {
    const ref = `${registry.host}/${name}`;
    const peer = await skopeoDigest(ref, creds);
    const ours = await resolver.resolve(ref);
    expect(ours.digest).toBe(peer.digest);
    if (name === "team/single:1") return;
    // Per-platform digests come from the peer's raw index entries.
    const index = JSON.parse(peer.raw) as {
      manifests: { digest: string; platform: { architecture: string } }[];
    };
    const arm = index.manifests.find((m) => m.platform.architecture === "arm64")!;
    expect((await resolver.resolve(ref, { platform: "linux/arm64/v8" })).digest).toBe(arm.digest);
  });
});
