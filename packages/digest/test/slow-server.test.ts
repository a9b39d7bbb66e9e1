import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS, type Resolver } from "../src/index.js";
import { cleanEnv, FAST_RETRY } from "./fixtures.js";

// Fakes: no real registry hangs or trickles on demand.
let server: Server | undefined;
let resolver: Resolver | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  resolver?.close();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  server?.close();
});

async function startFake(onConnection: (socket: Socket) => void) {
  let connections = 0;
  server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { host: `127.0.0.1:${port}`, connections: () => connections };
}

it("gives up on a fake registry that never answers, once per scheme, saying how long it waited", async () => {
  const fake = await startFake(() => undefined);
  resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY, timeoutMs: 300 });
  const err = await resolver.resolve(`${fake.host}/team/app:1.0`).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: DIGEST_ERRORS.unreachable });
  expect((err as Error).message).toBe(
    `${fake.host}/team/app:1.0: cannot reach http://${fake.host}: no answer within 0.3 s`,
  );
  expect(err).toMatchObject({ details: { reference: `${fake.host}/team/app:1.0` } });
  // https, then http: a server that hangs is not asked again and again.
  expect(fake.connections()).toBe(2);
});

it("fails a hanging loopback registry in about one timeout: the https probe wants a TLS handshake within 1 s", async () => {
  const fake = await startFake(() => undefined);
  resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY, timeoutMs: 4000 });
  const started = Date.now();
  const err = await resolver.resolve(`${fake.host}/team/app:1.0`).catch((e: unknown) => e);
  const elapsed = Date.now() - started;
  expect(err).toMatchObject({ code: DIGEST_ERRORS.unreachable });
  expect((err as Error).message).toMatch(/cannot reach http:\/\/.*: no answer within 4 s$/);
  expect(fake.connections()).toBe(2);
  // 1 s for https, 4 s for http; waiting out the idle timeout for both would take 8 s.
  expect(elapsed).toBeGreaterThanOrEqual(4000);
  expect(elapsed).toBeLessThan(6500);
}, 20_000);

it("gives up on a fake registry that trickles its answer byte by byte", async () => {
  const fake = await startFake((socket) => {
    socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
    const timer = setInterval(() => socket.write("a"), 50);
    socket.on("close", () => clearInterval(timer));
  });
  resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY, timeoutMs: 300 });
  const started = Date.now();
  const err = await resolver.resolve(`${fake.host}/team/app:1.0`).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: DIGEST_ERRORS.unreachable });
  expect((err as Error).message).toMatch(/no complete answer within 1\.2 s$/);
  expect(Date.now() - started).toBeLessThan(10_000);
}, 20_000);
