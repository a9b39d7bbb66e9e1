/** What to do when a registry found no credentials of ours: where to put some. */
export function loginHint(host: string): string {
  return `Log in with "docker login ${host}" (or podman login), or point DOCKER_CONFIG at a directory whose config.json holds credentials for ${host}, or REGISTRY_AUTH_FILE at such an auth.json`;
}
