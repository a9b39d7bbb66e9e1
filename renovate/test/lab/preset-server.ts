import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface PresetServer {
  /** `http://127.0.0.1:PORT/`; a preset is `${url}default.json`. */
  url: string;
  /** Paths requested so far, in order. */
  requests(): string[];
  stop(): Promise<void>;
}

const PRESET_FILE = /^\/([a-z0-9-]+\.json)$/;

/**
 * Renovate resolves `./name` extends only inside repository-hosted presets (github>, local>…),
 * not inside presets fetched by URL. Served over HTTP, each relative entry therefore becomes the
 * absolute URL of the same sibling file: the rewrite Renovate itself does for `github>` presets.
 */
export function absolutizeRelativeExtends(preset: unknown, baseUrl: string): unknown {
  if (Array.isArray(preset)) return preset.map((item) => absolutizeRelativeExtends(item, baseUrl));
  if (typeof preset !== "object" || preset === null) return preset;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(preset)) {
    if (key === "extends" && Array.isArray(value)) {
      out[key] = value.map((entry) => rewriteEntry(entry, baseUrl));
    } else {
      out[key] = absolutizeRelativeExtends(value, baseUrl);
    }
  }
  return out;
}

function rewriteEntry(entry: unknown, baseUrl: string): unknown {
  if (typeof entry !== "string") return entry;
  const match = /^\.\/([a-z0-9-]+)(\(.*\))?$/.exec(entry);
  if (!match) return entry;
  return `${baseUrl}${match[1]}.json${match[2] ?? ""}`;
}

/** Serves the preset files of `dir` on 127.0.0.1 (a free port), as a preset host would. */
export async function startPresetServer(dir: string): Promise<PresetServer> {
  const seen: string[] = [];
  let baseUrl = "";
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    seen.push(path);
    const name = PRESET_FILE.exec(path)?.[1];
    if (req.method !== "GET" || !name) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(dir, name), "utf8").then(
      (text) => {
        const body = JSON.stringify(absolutizeRelativeExtends(JSON.parse(text), baseUrl));
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", resolveListen));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: baseUrl,
    requests: () => [...seen],
    stop: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
