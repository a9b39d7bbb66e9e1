import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA } from "./push/media-types.js";
import { pushImage } from "./push/push-image.js";
import { type StartedRegistry, startRegistry } from "./registry/start-registry.js";

const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(
  ", ",
);

describe.each(["none", "htpasswd", "token"] as const)("startRegistry auth=%s", (auth) => {
  let registry: StartedRegistry;
  const credentials = { username: "alice", password: "wonderland-pass" };

  beforeAll(async () => {
    registry = await startRegistry({ auth });
  }, 30_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it("serves a pushed multi-platform index under the digest pushImage reports", async () => {
    const pushed = await pushImage(registry.url, "team/app", "1.0", {
      credentials,
      attestation: true,
      extraTags: ["1", "latest"],
    });
    expect(pushed.manifests.map((m) => m.platform)).toEqual([
      "linux/amd64",
      "linux/arm64/v8",
      "unknown/unknown",
    ]);
    const res = await fetch(`${registry.url}/v2/team/app/manifests/1.0`, {
      method: "HEAD",
      headers: { accept: ACCEPT, ...(await authHeader(registry, credentials)) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("docker-content-digest")).toBe(pushed.indexDigest);
    expect(res.headers.get("content-type")).toBe(MEDIA.ociIndex);
    const latest = await fetch(`${registry.url}/v2/team/app/manifests/latest`, {
      method: "HEAD",
      headers: { accept: ACCEPT, ...(await authHeader(registry, credentials)) },
    });
    expect(latest.headers.get("docker-content-digest")).toBe(pushed.indexDigest);
    const log = await registry.accessLog();
    expect(log.some((e) => e.method === "HEAD" && e.path === "/v2/team/app/manifests/1.0")).toBe(
      true,
    );
  });

  it("refuses anonymous pulls when auth is on", async () => {
    const res = await fetch(`${registry.url}/v2/`);
    expect(res.status).toBe(auth === "none" ? 200 : 401);
    if (auth === "token") {
      expect(res.headers.get("www-authenticate")).toContain(`realm="${registry.tokenUrl}"`);
      expect(registry.tokenRequests?.().length).toBeGreaterThan(0);
    }
  });
});

async function authHeader(
  registry: StartedRegistry,
  credentials: { username: string; password: string },
): Promise<Record<string, string>> {
  const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  if (registry.auth === "none") return {};
  if (registry.auth === "htpasswd") return { authorization: basic };
  const url = `${registry.tokenUrl}?service=${registry.tokenService}&scope=repository:team/app:pull`;
  const res = await fetch(url);
  const body = (await res.json()) as { token: string };
  return { authorization: `Bearer ${body.token}` };
}
