import { lstat } from "node:fs/promises";
import { join, posix } from "node:path";
import { danglingSource } from "./dangling-source.js";
import { linkOutOfContext } from "./outside-source.js";
import { plainPath } from "./plain-path.js";

/** A script the image runs whose COPY source is in none of the build contexts alpinize looked in. */
export interface MissingScript {
  /** Line of the COPY (or ADD) naming it. */
  line: number;
  /** The source as the COPY writes it. */
  source: string;
  /** Where it would land in the image. */
  destination: string;
  /** Index of the stage that runs it. */
  stage: number;
  /** What runs it: `ENTRYPOINT`, `CMD`, or the RUN's line. */
  by: "ENTRYPOINT" | "CMD" | { run: number };
  /**
   * For a source that links out of the context, or to nothing: the file came in with a folder
   * the COPY names (`COPY . /app`, the folder itself inside), so Docker copies the link itself,
   * rather than a COPY naming the link (or a path through a linked folder), which stops the build.
   */
  inFolder?: boolean;
  /** For a source that is a link to nothing: the missing name, as the last link spells it. */
  dangling?: string;
  /** The link to nothing is a loop of links: `dangling` is the name the source's link points to. */
  loop?: true;
  /** The link to nothing (or loop) is a folder on the way, not the source's own (`LinkEnd`). */
  folder?: string;
}

/**
 * Whether a COPY source names a file the build context lacks: a plain path (no wildcard,
 * variable, `..`, heredoc or remote source, which are not followed at all) that none of
 * `contexts` (folders relative to `root`) holds. A path the file system cannot answer for (a
 * folder that cannot be read) is not called missing: only "no such file" is.
 */
export async function missingSource(
  root: string,
  contexts: readonly string[],
  source: string,
): Promise<boolean> {
  if (!plainPath(source)) return false;
  // A folder link to nothing (or a loop) on the way is named as such (context-link), not missing.
  if (danglingSource(root, contexts, source) !== undefined) return false;
  // So is a folder link out of the context (`etcdir -> /etc`), whatever is under it (context-link).
  if ((await linkOutOfContext(root, contexts, source))?.folder !== undefined) return false;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source));
    if (rel.startsWith("..")) return false;
    const absent = await lstat(join(root, rel)).then(
      () => false,
      (err: NodeJS.ErrnoException) => err.code === "ENOENT" || err.code === "ENOTDIR",
    );
    if (!absent) return false;
  }
  return true;
}
