import { homedir } from "node:os";
import { join } from "node:path";
import { dockerCredentialKey } from "@alpinize/image-ref";
import { type AuthFile, decodeAuthEntry, readAuthFile } from "./files.js";
import { runCredentialHelper } from "./helper.js";
import { parseAuthKey } from "./keys.js";
import type { CredentialStore, Credentials } from "./types.js";

export interface CredentialStoreOptions {
  /** Environment to read DOCKER_CONFIG, REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, HOME and PATH from. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Home directory (default: HOME from env, then the OS's). */
  homeDir?: string;
}

/**
 * Docker's order first (credHelpers for the host, credsStore, auths in config.json), then the
 * containers files ($REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json). Each source
 * that has nothing for the registry passes on to the next. Helpers run once per registry.
 */
export function createCredentialStore(options: CredentialStoreOptions = {}): CredentialStore {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? env.HOME ?? homedir();
  const problems: string[] = [];
  const files = new Map<string, Promise<AuthFile | undefined>>();
  const dockerAnswers = new Map<string, Promise<Credentials | undefined>>();
  // For the 401's message: a source that failed is not "none were found".
  const unreadFiles: string[] = [];
  const failedHelpers = new Map<string, string[]>();

  const load = (path: string, label: string) => {
    let pending = files.get(path);
    if (!pending) {
      pending = readAuthFile(path).catch((err: Error) => {
        problems.push(`ignoring ${path}: ${err.message}`);
        unreadFiles.push(`${label} could not be read (${err.message})`);
        return undefined;
      });
      files.set(path, pending);
    }
    return pending;
  };
  const dockerConfigPath = env.DOCKER_CONFIG
    ? join(env.DOCKER_CONFIG, "config.json")
    : join(home, ".docker", "config.json");
  // Sources name the variable that chose the file, so a message says what to change.
  const dockerLabel = env.DOCKER_CONFIG
    ? `${dockerConfigPath} (from $DOCKER_CONFIG)`
    : dockerConfigPath;
  const podman = [
    env.REGISTRY_AUTH_FILE
      ? { path: env.REGISTRY_AUTH_FILE, label: `${env.REGISTRY_AUTH_FILE} ($REGISTRY_AUTH_FILE)` }
      : undefined,
    env.XDG_RUNTIME_DIR
      ? {
          path: join(env.XDG_RUNTIME_DIR, "containers", "auth.json"),
          label: `${join(env.XDG_RUNTIME_DIR, "containers", "auth.json")} (from $XDG_RUNTIME_DIR)`,
        }
      : undefined,
  ].filter((p): p is { path: string; label: string } => p !== undefined);
  const searched = [
    `credHelpers, credsStore and auths in ${dockerLabel}`,
    ...podman.map((p) => p.label),
    ...(env.REGISTRY_AUTH_FILE ? [] : ["$REGISTRY_AUTH_FILE is not set"]),
  ].join("; ");

  const fromDocker = async (registry: string) => {
    const config = await load(dockerConfigPath, dockerLabel);
    if (!config) return undefined;
    const serverUrl = dockerCredentialKey(registry);
    const helper = matchHelper(config.credHelpers, registry);
    for (const [key, name] of [
      ["credHelpers", helper],
      ["credsStore", config.credsStore],
    ] as const) {
      if (typeof name !== "string" || name === "") continue;
      const result = await runCredentialHelper(name, serverUrl, env);
      if (result.problem) {
        problems.push(result.problem);
        const failed = failedHelpers.get(registry) ?? [];
        failedHelpers.set(registry, [...failed, `${result.problem} (${key} in ${dockerLabel})`]);
      }
      if (result.credentials) {
        const source = `${result.credentials.source} (${key} in ${dockerLabel})`;
        return { ...result.credentials, source };
      }
    }
    return matchAuths(config, registry, "", `auths in ${dockerLabel}`, problems);
  };

  return {
    async get(registry, repository) {
      let docker = dockerAnswers.get(registry);
      if (!docker) {
        docker = fromDocker(registry);
        dockerAnswers.set(registry, docker);
      }
      const found = await docker;
      if (found) return found;
      for (const { path, label } of podman) {
        const file = await load(path, label);
        const creds = file && matchAuths(file, registry, repository, label, problems);
        if (creds) return creds;
      }
      return undefined;
    },
    warnings: () => [...new Set(problems)],
    searched: () => searched,
    failures: (registry) => [...new Set([...unreadFiles, ...(failedHelpers.get(registry) ?? [])])],
  };
}

function matchHelper(helpers: AuthFile["credHelpers"], registry: string): string | undefined {
  if (!helpers || typeof helpers !== "object") return undefined;
  for (const [key, name] of Object.entries(helpers)) {
    if (parseAuthKey(key).registry === registry) return name;
  }
  return undefined;
}

/** The entry for the registry; a `host/namespace` key wins when it prefixes the repository. */
function matchAuths(
  file: AuthFile,
  registry: string,
  repository: string,
  source: string,
  problems: string[],
): Credentials | undefined {
  if (!file.auths || typeof file.auths !== "object") return undefined;
  let best: { length: number; creds: Credentials } | undefined;
  for (const [key, entry] of Object.entries(file.auths)) {
    if (!entry || typeof entry !== "object") continue;
    const parsed = parseAuthKey(key);
    if (parsed.registry !== registry) continue;
    const covers =
      parsed.path === "" || repository === parsed.path || repository.startsWith(`${parsed.path}/`);
    if (!covers || (best && best.length >= parsed.path.length)) continue;
    const decoded = decodeAuthEntry(entry, source);
    if (decoded.problem)
      problems.push(`ignoring the entry "${key}" in ${source}: ${decoded.problem}`);
    if (decoded.credentials) best = { length: parsed.path.length, creds: decoded.credentials };
  }
  return best?.creds;
}
