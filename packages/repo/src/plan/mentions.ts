import { join } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import type { DiscoveredFiles } from "../discover/walk.js";
import { readTextFile } from "../workspace/files.js";
import type { FilePlan, ImageMention, SkippedFile } from "./types.js";

/**
 * Lines of compose files and workflows that name a base image one of the Dockerfiles moves
 * away from (`image: debian:trixie-slim`, `docker pull golang:1.25-trixie`), with the image the
 * Dockerfile now uses. They are reported, not rewritten: what a service runs is the owner's call.
 * A compose file or workflow that cannot be read (binary, too large, unreadable, a link) is added
 * to `skipped` by name, so a mention is never missed silently.
 */
export async function findImageMentions(
  root: string,
  found: DiscoveredFiles,
  files: FilePlan[],
  skipped: SkippedFile[] = [],
): Promise<ImageMention[]> {
  const replacements = new Map<string, string>();
  for (const plan of files) {
    for (const image of plan.result?.images ?? []) {
      if (image.before !== image.after) replacements.set(stripDigest(image.before), image.after);
    }
  }
  if (replacements.size === 0) return [];
  const patterns = [...replacements].map(([image, replacement]) => ({
    image,
    replacement,
    regex: imagePattern(image),
  }));
  const out: ImageMention[] = [];
  const targets = [
    ...found.compose.map((file) => ({ file, kind: "compose" as const })),
    ...found.workflows.map((file) => ({ file, kind: "workflow" as const })),
  ];
  for (const { file, kind } of targets) {
    const text = await readTextFile(join(root, file), file).catch((err: unknown) => {
      if (!isAlpinizeError(err)) throw err;
      skipped.push({ file, message: `${err.message}; not searched for base image names` });
      return undefined;
    });
    if (text === undefined) continue;
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim().startsWith("#")) return;
      for (const { image, replacement, regex } of patterns) {
        if (regex.test(line)) out.push({ file, line: i + 1, kind, image, replacement });
      }
    });
  }
  return out;
}

function stripDigest(reference: string): string {
  const at = reference.indexOf("@");
  return at < 0 ? reference : reference.slice(0, at);
}

/** The image as written, also with Docker Hub's long prefixes, not as part of a longer name or tag. */
function imagePattern(image: string): RegExp {
  const escaped = image.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const hub = image.includes("/") ? "(?:docker\\.io/)?" : "(?:(?:docker\\.io/)?library/)?";
  return new RegExp(`(?<![\\w./-])${hub}${escaped}(?![\\w.-])`);
}
