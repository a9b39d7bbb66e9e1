import { isDockerfileName } from "@alpinize/dockerfile";

/** Dockerfile names and texts: one rule, in @alpinize/dockerfile, that pin reads files by too. */
export {
  isAmbiguousDockerfileName,
  isDockerfileName,
  isDockerfileText,
} from "@alpinize/dockerfile";

/** What a file is to the migration, judged from its path alone. */
export type FileKind = "dockerfile" | "compose" | "workflow";

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
