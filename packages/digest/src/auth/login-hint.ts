/**
 * What to do when a registry found no credentials of ours: where to put some. When a source
 * failed (an unreadable config.json, a helper that failed), mending it comes first.
 */
export function loginHint(host: string, sourceFailed = false): string {
  const login = `log in with "docker login ${host}" (or podman login), or point DOCKER_CONFIG at a directory whose config.json holds credentials for ${host}, or REGISTRY_AUTH_FILE at such an auth.json`;
  return sourceFailed
    ? `Fix the credential source named above (the file's JSON, or the helper: try "docker-credential-NAME get" by hand), or ${login}`
    : `${login[0]!.toUpperCase()}${login.slice(1)}`;
}
