import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isLoopbackHost } from "@alpinize/image-ref";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGEST_ERRORS } from "../errors.js";
import { HttpTransport } from "./transport.js";

// A tester's registry answering 302 to file:///etc/passwd got "refusing plain file to " and the
// hint "pass --insecure-registry  only…"; a redirect loop got no hint at all.

/** FAKE: a loopback server whose every answer is a redirect to what `location` says. */
let server: Server;
let host = "";
let location: (path: string) => string = () => "/";
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(302, { location: location(req.url ?? "/") });
    res.end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const ask = async () => {
  const transport = new HttpTransport({ allowHttp: isLoopbackHost, timeoutMs: 5000 });
  try {
    await transport.send({ method: "GET", url: new URL(`http://${host}/v2/`), maxBytes: 1024 });
    throw new Error("no error");
  } catch (err) {
    return err as { code: string; message: string; hint?: string };
  } finally {
    transport.close();
  }
};

describe("redirects a registry sends", () => {
  it("to a file: URL names the scheme and target, with a hint (no empty host)", async () => {
    location = () => "file:///etc/passwd";
    const err = await ask();
    expect(err.code).toBe(DIGEST_ERRORS.redirect);
    expect(err.message).toBe(
      `refusing file:///etc/passwd (${host} redirected there): only https, or plain http to loopback and --insecure-registry hosts, is followed`,
    );
    expect(err.hint).toMatch(/^A registry answers over http\(s\) only/);
    expect(err.hint).not.toContain("  ");
  });

  it("to plain http on another host says who redirected, and names that host in the hint", async () => {
    location = () => "http://registry.example.invalid/v2/";
    const err = await ask();
    expect(err.code).toBe(DIGEST_ERRORS.insecure);
    expect(err.message).toBe(
      `refusing plain http to registry.example.invalid (${host} redirected there)`,
    );
    expect(err.hint).toContain("pass --insecure-registry registry.example.invalid only for");
  });

  it("in a loop says so, where it would go next (no query), and what to do", async () => {
    location = (path) => `${path.split("?")[0]}?token=secret`;
    const err = await ask();
    expect(err.code).toBe(DIGEST_ERRORS.redirect);
    expect(err.message).toBe(
      `too many redirects from ${host} (more than 5; the next to http://${host}/v2/)`,
    );
    expect(err.hint).toContain("The registry keeps redirecting");
    expect(`${err.message} ${err.hint}`).not.toContain("secret");
  });

  it("to a Location that is no URL is a registry error with a hint, not a crash", async () => {
    location = () => "http://[not-a-host/";
    const err = await ask();
    expect(err.code).toBe(DIGEST_ERRORS.registry);
    expect(err.message).toBe(`${host} redirected to a Location that is not a URL`);
    expect(err.hint).toBeTruthy();
  });
});
