import { locateInDockerfile } from "./locate-dockerfile.js";
import { locateInYaml } from "./locate-yaml.js";
import type { LocatedReference, PinFileKind } from "./located.js";

export type { LocatedReference, PinFileKind } from "./located.js";

/**
 * Every image reference a file pins, in file order, and the ones it leaves alone (`skip`: a
 * form it cannot rewrite, an image compose builds), so that no image goes unreported.
 */
export function locateImageReferences(kind: PinFileKind, text: string): LocatedReference[] {
  return kind === "dockerfile" ? locateInDockerfile(text) : locateInYaml(kind, text);
}

/**
 * The case rules of alpinize's file discovery (@alpinize/repo): `Dockerfile`/`Containerfile` in
 * any case, `Dockerfile.*` with a capital, `*.dockerfile` in any case, and never a name ending
 * in a source-code or document extension (`dockerfile.ts` is a parser, not a Dockerfile).
 */
function isDockerfileName(name: string): boolean {
  if (/^(?:dockerfile|containerfile)$/i.test(name)) return true;
  if (NOT_DOCKERFILE.test(name)) return false;
  return (
    /\.(?:dockerfile|containerfile)$/i.test(name) || /^(?:Dockerfile|Containerfile)\./.test(name)
  );
}

const NOT_DOCKERFILE =
  /\.(?:dockerignore|md|txt|rst|html?|json|ya?ml|toml|lock|[cm]?[jt]sx?|py|go|rs|rb|java|kt|c|h|cc|cpp|cs|php|pl|sh|orig|rej|bak|swp)$/i;

/** Guesses the kind from the file name; undefined when it cannot tell. */
export function detectFileKind(path: string): PinFileKind | undefined {
  const normalized = path.replaceAll("\\", "/");
  const name = normalized.slice(normalized.lastIndexOf("/") + 1);
  const base = name.toLowerCase();
  if (isDockerfileName(name)) return "dockerfile";
  if (/\.ya?ml$/.test(base) && /(^|\/)\.(github|gitea|forgejo)\/workflows\//.test(normalized)) {
    return "workflow";
  }
  // [docker-]compose*.y[a]ml as the help says (compose2.yaml too), and *.compose.y[a]ml, as
  // `migrate DIR` finds them.
  if (/^(docker-)?compose[\w.-]*\.ya?ml$|\.compose\.ya?ml$/.test(base)) return "compose";
  return undefined;
}
