import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, MEDIA_TYPES } from "../src/index.js";
import { cleanEnv } from "./fixtures.js";

const DIGEST = `sha256:${createHash("sha256").update("single").digest("hex")}`;

/**
 * FAKE: a daemon answering the distribution endpoint with `Platforms: null` for a single
 * manifest, which a real dockerd does only in states the tests cannot set up on demand.
 */
describe("the daemon path against a fake daemon that reports no platforms", () => {
  let dir: string;
  let server: Server;
  let socket: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-fake-dockerd-"));
    socket = join(dir, "docker.sock");
    server = createServer((req, res) => {
      if (!/\/distribution\/.+\/json$/.test(req.url ?? "")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"message":"page not found"}');
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          Descriptor: { mediaType: MEDIA_TYPES.ociManifest, digest: DIGEST, size: 500 },
          Platforms: null,
        }),
      );
    });
    await new Promise<void>((done) => server.listen(socket, done));
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  const resolver = () =>
    createResolver({ via: "daemon", env: cleanEnv({ DOCKER_HOST: `unix://${socket}` }) });

  it("resolves without --platform", async () => {
    const r = resolver();
    try {
      expect(await r.resolve("127.0.0.1:5999/team/single:1")).toMatchObject({
        digest: DIGEST,
        via: "daemon",
        platforms: [],
      });
    } finally {
      r.close();
    }
  });

  it("says the daemon reported no platforms and points at --via registry", async () => {
    const r = resolver();
    try {
      await expect(
        r.resolve("127.0.0.1:5999/team/single:1", { platform: "linux/amd64" }),
      ).rejects.toMatchObject({
        code: DIGEST_ERRORS.daemon,
        message: expect.stringContaining("the daemon did not report the image's platforms"),
        hint: expect.stringContaining("--via registry"),
      });
    } finally {
      r.close();
    }
  });
});
