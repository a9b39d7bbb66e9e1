/** What a file is to the migration, judged from its path alone. */
export type FileKind = "dockerfile" | "compose" | "workflow";

const DOCKERFILE_BASE = /^(?:dockerfile|containerfile)$/i;
const DOCKERFILE_SUFFIX = /\.(?:dockerfile|containerfile)$/i;
const DOCKERFILE_PREFIX = /^(?:dockerfile|containerfile)\.[^/]+$/i;
/** `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, and docs are not Dockerfiles. */
const NOT_DOCKERFILE = /\.(?:dockerignore|md|txt|orig|rej|bak|swp|json|ya?ml)$/i;
const COMPOSE = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$|\.compose\.ya?ml$/i;
const WORKFLOW_DIR = /^(?:.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/i;
const GITLAB_CI = /^(?:.*\/)?\.gitlab-ci\.ya?ml$/i;

/** `rel` is a POSIX path relative to the repository root. */
export function classifyPath(rel: string): FileKind | undefined {
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  if (isDockerfileName(base)) return "dockerfile";
  if (COMPOSE.test(base)) return "compose";
  if (WORKFLOW_DIR.test(rel) || GITLAB_CI.test(rel)) return "workflow";
  return undefined;
}

export function isDockerfileName(base: string): boolean {
  if (DOCKERFILE_BASE.test(base)) return true;
  if (NOT_DOCKERFILE.test(base)) return false;
  return DOCKERFILE_SUFFIX.test(base) || DOCKERFILE_PREFIX.test(base);
}
