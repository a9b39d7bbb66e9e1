import { join, posix } from "node:path";
import { readBoundedSync } from "@alpinize/bounded-read";
import { MAX_TEXT_BYTES } from "../workspace/files.js";
import { decodeText } from "../workspace/text-bytes.js";

/**
 * COPY sources are read relative to the Dockerfile's folder, then the root, synchronously; each
 * file read is passed to `onRead` by its absolute path.
 */
export function contextReader(
  root: string,
  dockerfile: string,
  onRead: (full: string) => void = () => {},
): (path: string) => string | undefined {
  const dir = dockerfile.includes("/") ? dockerfile.slice(0, dockerfile.lastIndexOf("/")) : ".";
  return (path) => readContextSync(root, [dir, "."], path, onRead);
}

function readContextSync(
  root: string,
  contexts: string[],
  path: string,
  onRead: (full: string) => void,
): string | undefined {
  if (path.includes("..") || path.includes("$")) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, path));
    if (rel.startsWith("..")) continue;
    const full = join(root, rel);
    try {
      // Checked on the opened descriptor: a FIFO put there is not waited on, nor a file that
      // grows read past the limit.
      const got = readBoundedSync(full, MAX_TEXT_BYTES);
      if (got.status !== "ok") continue;
      const text = decodeText(got.bytes);
      onRead(full);
      return text;
    } catch {
      // Not in this context; try the next.
    }
  }
  return undefined;
}
