// Bundled at build time: no node:fs import at start-up (its ESM facade loads fs/promises, streams).
// A module of its own so that commands can name the version without importing main.ts, which
// loads them.
import pkg from "../package.json" with { type: "json" };

export function version(): string {
  return pkg.version;
}
