/** The canonical name alpinize stores for Docker Hub, whatever spelling the input used. */
export const DOCKER_HUB = "docker.io";

const HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/** Lowercases the host (hosts are case-insensitive) and folds Docker Hub's aliases into one. */
export function normalizeRegistry(registry: string): string {
  const lower = registry.toLowerCase();
  return HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}

/** The host the registry HTTP API answers on: Docker Hub's API is not served on docker.io. */
export function registryApiHost(registry: string): string {
  const normalized = normalizeRegistry(registry);
  return normalized === DOCKER_HUB ? "registry-1.docker.io" : normalized;
}

/** The key Docker's config.json and credential helpers use for this registry. */
export function dockerCredentialKey(registry: string): string {
  const normalized = normalizeRegistry(registry);
  return normalized === DOCKER_HUB ? "https://index.docker.io/v1/" : normalized;
}

/** True for hosts that only this machine can reach, where plain HTTP is acceptable. */
export function isLoopbackHost(registry: string): boolean {
  const host = hostOnly(registry.toLowerCase());
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "[::1]") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function hostOnly(registry: string): string {
  if (registry.startsWith("[")) {
    const end = registry.indexOf("]");
    return end === -1 ? registry : registry.slice(1, end);
  }
  const colon = registry.lastIndexOf(":");
  return colon === -1 ? registry : registry.slice(0, colon);
}
