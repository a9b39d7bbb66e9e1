import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedDockerd, startDockerd } from "./dockerd.js";
import { pushImage } from "./push/push-image.js";
import { type StartedRegistry, startRegistry } from "./registry/start-registry.js";

describe("startDockerd", () => {
  let dockerd: StartedDockerd;
  let registry: StartedRegistry;

  beforeAll(async () => {
    [dockerd, registry] = await Promise.all([startDockerd(), startRegistry()]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([dockerd?.stop(), registry?.stop()]);
  }, 60_000);

  it("answers the Engine API and pulls a pushed image from the loopback registry", async () => {
    const pushed = await pushImage(registry.url, "pull/me", "v1");
    const distribution = await api(
      dockerd.socketPath,
      "GET",
      `/distribution/${registry.host}/pull/me:v1/json`,
    );
    expect(distribution.status).toBe(200);
    expect(JSON.parse(distribution.body).Descriptor.digest).toBe(pushed.indexDigest);
    const pull = await api(
      dockerd.socketPath,
      "POST",
      `/images/create?fromImage=${registry.host}/pull/me&tag=v1`,
    );
    expect(pull.status).toBe(200);
    expect(pull.body).toContain(pushed.indexDigest);
  }, 60_000);
});

function api(
  socketPath: string,
  method: string,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
