/**
 * Trivy reads every flag from `TRIVY_<FLAG>` too, so a caller's environment could filter the
 * report the gate judges (`TRIVY_SEVERITY=CRITICAL`, `TRIVY_IGNORE_UNFIXED`, `TRIVY_SKIP_DIRS`,
 * `TRIVY_VEX`…) or swap the scan for a plugin (`TRIVY_RUN_AS_PLUGIN`). Only these pass: they say
 * how to reach registries, mirrors, caches and a Trivy server, never what to report. A list of
 * what to keep, rather than what to drop, also covers flags added by later Trivy releases.
 */
export const TRIVY_ENV_KEPT = [
  // Registry credentials and how to reach registries and daemons.
  "TRIVY_USERNAME",
  "TRIVY_PASSWORD",
  "TRIVY_REGISTRY_TOKEN",
  "TRIVY_INSECURE",
  "TRIVY_CACERT",
  "TRIVY_TIMEOUT",
  "TRIVY_DOCKER_HOST",
  "TRIVY_PODMAN_HOST",
  "TRIVY_IMAGE_SRC",
  "TRIVY_MAX_IMAGE_SIZE",
  // Where the databases and checks are downloaded from (mirrors).
  "TRIVY_DB_REPOSITORY",
  "TRIVY_JAVA_DB_REPOSITORY",
  "TRIVY_CHECKS_BUNDLE_REPOSITORY",
  // Caches.
  "TRIVY_CACHE_DIR",
  "TRIVY_CACHE_BACKEND",
  "TRIVY_CACHE_TTL",
  "TRIVY_REDIS_CA",
  "TRIVY_REDIS_CERT",
  "TRIVY_REDIS_KEY",
  "TRIVY_REDIS_TLS",
  // Client mode: the scan runs on a Trivy server.
  "TRIVY_SERVER",
  "TRIVY_TOKEN",
  "TRIVY_TOKEN_HEADER",
  "TRIVY_CUSTOM_HEADERS",
  // Logging, speed and phoning home.
  "TRIVY_DEBUG",
  "TRIVY_NO_PROGRESS",
  "TRIVY_PARALLEL",
  "TRIVY_SKIP_VERSION_CHECK",
  "TRIVY_DISABLE_TELEMETRY",
] as const;

const KEPT = new Set<string>(TRIVY_ENV_KEPT);

/**
 * The environment for `trivy image`: everything but the `TRIVY_*` variables outside
 * {@link TRIVY_ENV_KEPT}, and the names of those dropped. The prefix is matched in any case
 * (Windows names are case-insensitive); a kept name must be spelt exactly.
 */
export function trivyEnvironment(env: NodeJS.ProcessEnv): {
  env: NodeJS.ProcessEnv;
  dropped: string[];
} {
  const out: NodeJS.ProcessEnv = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    if (upper.startsWith("TRIVY_") && !KEPT.has(name)) dropped.push(name);
    else out[name] = value;
  }
  return { env: out, dropped: dropped.sort() };
}
