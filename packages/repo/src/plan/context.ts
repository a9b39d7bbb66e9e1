import { join, posix } from "node:path";
import { readBoundedSync } from "@alpinize/bounded-read";
import { MAX_TEXT_BYTES } from "../workspace/files.js";
import { decodeText } from "../workspace/text-bytes.js";

/** Reads one COPY source by its path in the Dockerfile; undefined when it cannot be read. */
export type ContextFileReader = (path: string) => string | undefined;

export interface ContextReaderOptions {
  /**
   * Folders under the root taken for the build context, tried in order, first file found wins.
   * `migrate DIR` tries the Dockerfile's folder, then the repository root (a
   * `docker build -f svc/Dockerfile .` build); `migrate FILE` only the Dockerfile's folder, the
   * one context it knows. Default `["."]`.
   */
  contexts?: readonly string[];
  /** Most bytes read of one file. Default `MAX_TEXT_BYTES` (4 MiB), the limit of every repo file. */
  limit?: number;
  /**
   * A file over `limit`: read its first `limit` bytes (the shebang and the commands a script
   * starts with) instead of leaving it unread. `migrate FILE` reads the head of 1 MiB, the
   * repository leaves a larger file unread as it does with every file it reads.
   */
  head?: boolean;
  /** Called with each file read, as `root` joined with its path, for `RepoPlan.inputs`. */
  onRead?: (full: string) => void;
}

/**
 * Reads the build-context files a Dockerfile COPYs, so migrate and check can look into the
 * scripts an image runs: `readContextFile` of `migrateDockerfile`. A path is taken relative to
 * each context (a leading `/` too, as COPY does) and refused when it climbs out of that context
 * or holds a `$` (a variable Docker expands, so the name as written is not the file copied).
 * Only regular files are read, bounded, on the opened descriptor: a FIFO is not waited on, a file
 * that grows is not read past the limit. Symbolic links are followed, inside the context or not.
 * Anything not readable (missing, a directory, a FIFO, a device, too large, no permission) is
 * `undefined`, never an error: the migration goes on without the file.
 */
export function contextReader(root: string, options: ContextReaderOptions = {}): ContextFileReader {
  const contexts = [...new Set(options.contexts ?? ["."])];
  const limit = options.limit ?? MAX_TEXT_BYTES;
  const head = options.head ?? false;
  const onRead = options.onRead ?? (() => {});
  return (path) => {
    if (path.includes("$")) return undefined;
    for (const context of contexts) {
      const rel = insideContext(context, path);
      if (rel === undefined) continue;
      const full = join(root, rel);
      try {
        const got = readBoundedSync(full, limit, { head });
        if (got.status !== "ok") continue;
        const text = decodeText(got.bytes);
        onRead(full);
        return text;
      } catch {
        // Not in this context; try the next.
      }
    }
    return undefined;
  };
}

/** The path under the root of `path` in `context`, or undefined when it leaves the context. */
function insideContext(context: string, path: string): string | undefined {
  const within = posix.normalize(`./${path.replace(/^\/+/, "")}`);
  if (within === ".." || within.startsWith("../")) return undefined;
  return posix.join(context, within);
}
