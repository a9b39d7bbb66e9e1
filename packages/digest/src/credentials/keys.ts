import { normalizeRegistry } from "@alpinize/image-ref";

/**
 * Normalises a config.json / auth.json key (`https://index.docker.io/v1/`, `ghcr.io`,
 * `quay.io/org/repo`) to `{ registry, path }` so it compares with a parsed reference.
 */
export function parseAuthKey(key: string): { registry: string; path: string } {
  const withoutScheme = key.trim().replace(/^[a-z]+:\/\//i, "");
  const slash = withoutScheme.indexOf("/");
  const host = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  let path = slash === -1 ? "" : withoutScheme.slice(slash + 1).replace(/\/+$/, "");
  // Docker's legacy `/v1/` suffix is an API version, not a namespace.
  if (/^v[12]$/.test(path)) path = "";
  return { registry: normalizeRegistry(host), path };
}
