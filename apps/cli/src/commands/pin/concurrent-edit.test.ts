import { readdir, readFile, writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

interface Gate {
  host: string;
  /** Settles when a manifest request arrives and is being held. */
  held: Promise<void>;
  /** Lets the held requests (and all later ones) through. */
  open(): void;
  close(): Promise<void>;
}

/**
 * FAKE: a proxy in front of the real registry that holds manifest requests until told, so a
 * test can edit a file while `pin --write` is waiting on the registry (a slow registry, made
 * deterministic).
 */
async function startGate(upstream: string): Promise<Gate> {
  const target = new URL(upstream);
  let opened = false;
  const waiting: (() => void)[] = [];
  let onHeld = () => {};
  const held = new Promise<void>((ok) => (onHeld = ok));
  const server: Server = createServer((req, res) => {
    const forward = () => {
      const headers = { ...req.headers, host: target.host };
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on("error", () => res.writeHead(502).end());
      req.pipe(out);
    };
    if (opened || !req.url?.includes("/manifests/")) return forward();
    waiting.push(forward);
    onHeld();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    open() {
      opened = true;
      for (const go of waiting.splice(0)) go();
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

describe("alpinize pin --write and an edit made while it resolves", () => {
  const fx = useRegistry({ dir: "alpinize-pin-edit-" });

  it("keeps the edit and exits 2 saying the file changed", async () => {
    const gate = await startGate(fx.registry.url);
    try {
      const file = join(fx.dir, "Dockerfile");
      const original = `FROM ${gate.host}/team/app:1.0\n`;
      const edited = `${original}RUN echo edited meanwhile\n`;
      await writeFile(file, original);
      const running = runCli(["pin", "--write", "--json", "Dockerfile"], { cwd: fx.dir, env });
      await gate.held;
      await writeFile(file, edited);
      gate.open();
      const res = await running;
      expect(res.code).toBe(2);
      const doc = JSON.parse(res.stdout);
      expect(doc.files[0]).toMatchObject({
        written: false,
        error: { code: "ALPINIZE_PIN_CHANGED" },
      });
      expect(doc.files[0].error.message).toBe(
        `cannot write Dockerfile: it changed while alpinize was working (${original.length} bytes when read, ${edited.length} now); it was left as it is now`,
      );
      expect(await readFile(file, "utf8")).toBe(edited);
      expect((await readdir(fx.dir)).filter((n) => n.startsWith(".alpinize-"))).toEqual([]);

      // Untouched meanwhile, the same run pins it.
      const again = await runCli(["pin", "--write", "Dockerfile"], { cwd: fx.dir, env });
      expect(again.code).toBe(0);
      expect(await readFile(file, "utf8")).toBe(
        `FROM ${gate.host}/team/app:1.0@${fx.app.indexDigest}\nRUN echo edited meanwhile\n`,
      );
    } finally {
      gate.open();
      await gate.close();
    }
  });
});
