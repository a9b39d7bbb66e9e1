import {
  isAmbiguousDockerfileName,
  isDockerfileName,
  isDockerfileText,
} from "@alpinize/dockerfile";
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
 * The kind of a pin file from its name, as file discovery (@alpinize/repo) tells Dockerfiles, by
 * one rule (@alpinize/dockerfile). A name such as `Dockerfile.sh`, a Dockerfile name with a
 * script, document or backup extension, is a Dockerfile only when `text` is given and is one
 * (`isDockerfileText`: its first instruction is FROM or ARG, and it does not start `#!`).
 * Undefined when it cannot tell: the caller refuses the file, it never passes it.
 */
export function detectFileKind(path: string, text?: string): PinFileKind | undefined {
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
  if (text !== undefined && isAmbiguousDockerfileName(name) && isDockerfileText(text)) {
    return "dockerfile";
  }
  return undefined;
}
