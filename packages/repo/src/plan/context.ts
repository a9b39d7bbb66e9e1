import { closeSync, constants, openSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { readBoundedSync } from "@alpinize/bounded-read";
import type { ContextFileRead, ContextFileSkipped } from "@alpinize/dockerfile";
import { within } from "../discover/outside-source.js";
import { MAX_TEXT_BYTES } from "../workspace/files.js";
import { decodeText } from "../workspace/text-bytes.js";

/**
 * Reads one COPY source by its path in the Dockerfile: its text; undefined when it cannot be
 * read; `{ skipped: "outside-context" }` when it is a link out of the build context.
 */
export type ContextFileReader = (path: string) => ContextFileRead;

const OUTSIDE: ContextFileSkipped = Object.freeze({ skipped: "outside-context" });

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
 * that grows is not read past the limit. A symbolic link (the file's own, or a folder's on the
 * way) is followed only while it stays inside the context: a file whose real path is outside it
 * (`run.sh -> /etc/shadow`, `lib -> ../../secrets`) is not read, as Docker never copies the file
 * such a link points to. It is `{ skipped: "outside-context" }` (when no other context has a file
 * by that path), for migrate to warn at its COPY that the file was not looked at. Anything else
 * not readable (missing, a directory, a FIFO, a device, too large, no permission) is `undefined`,
 * never an error: the migration goes on without the file.
 */
export function contextReader(root: string, options: ContextReaderOptions = {}): ContextFileReader {
  const contexts = [...new Set(options.contexts ?? ["."])];
  const limit = options.limit ?? MAX_TEXT_BYTES;
  const head = options.head ?? false;
  const onRead = options.onRead ?? (() => {});
  const realContexts = new Map<string, string | undefined>();
  const realContext = (context: string) => {
    if (!realContexts.has(context)) realContexts.set(context, contextRealPath(root, context));
    return realContexts.get(context);
  };
  return (path) => {
    if (path.includes("$")) return undefined;
    let refused = false;
    for (const context of contexts) {
      const rel = insideContext(context, path);
      if (rel === undefined) continue;
      const realRoot = realContext(context);
      if (realRoot === undefined) continue;
      const full = join(root, rel);
      const got = readInContext(full, realRoot, limit, head);
      if (got === OUTSIDE) refused = true;
      if (typeof got !== "string") continue;
      onRead(full);
      return got;
    }
    return refused ? OUTSIDE : undefined;
  };
}

/**
 * What a path of one context is, by the rule contextReader reads by: its links (its own, a
 * folder's on the way) followed while its real path stays in the context. `file` or `directory`
 * (where the link leads, for one that stays inside); `{ skipped: "outside-context" }` for a link
 * out; undefined when nothing is there (missing, a dangling link, a loop of links: the kernel's
 * limit on links followed bounds the search) or it is neither (a FIFO, a device). Only stat is
 * asked, nothing opened: what is read is still read through contextReader, which checks again
 * on the descriptor it reads.
 */
export type ContextEntry = "file" | "directory" | ContextFileSkipped | undefined;

/** {@link ContextEntry} of paths in `context` (a folder under `root`), taken as COPY does. */
export function contextEntry(root: string, context: string): (path: string) => ContextEntry {
  let realRoot: string | undefined | null = null;
  return (path) => {
    if (path.includes("$")) return undefined;
    const rel = insideContext(context, path);
    if (realRoot === null) realRoot = contextRealPath(root, context);
    if (rel === undefined || realRoot === undefined) return undefined;
    try {
      const real = realpathSync(join(root, rel));
      if (!within(realRoot, real)) return OUTSIDE;
      const info = statSync(real);
      return info.isFile() ? "file" : info.isDirectory() ? "directory" : undefined;
    } catch {
      // Missing, a dangling link, a loop of links (ELOOP), a folder that cannot be searched.
      return undefined;
    }
  };
}

/** The file's text; OUTSIDE for a link out of `realRoot`; undefined when it cannot be read. */
function readInContext(full: string, realRoot: string, limit: number, head: boolean) {
  try {
    const got = readInside(full, realRoot, limit, head);
    if ("skipped" in got) return OUTSIDE;
    return got.status === "ok" ? decodeText(got.bytes) : undefined;
  } catch {
    // Not opened (`run.sh -> /etc/shadow` for a user who may not read it, a dangling link):
    // where the path leads is still known without opening it, and says which it is.
    return leadsOut(full, realRoot) ? OUTSIDE : undefined;
  }
}

/** Whether `full` resolves (every link followed) to a path outside `realRoot`. */
function leadsOut(full: string, realRoot: string): boolean {
  try {
    return !within(realRoot, realpathSync(full));
  } catch {
    return false;
  }
}

/** The real path of `context` under `root`, or undefined when it is missing or leads out of `root`. */
function contextRealPath(root: string, context: string): string | undefined {
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(join(root, context));
    return within(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `full` only if the file opened is inside `realRoot`. The descriptor is opened first and
 * its real path read from `/proc/self/fd/N` (Linux): the file checked is the file read, even if
 * a link on the way is swapped meanwhile, and the read reopens that descriptor, not the path.
 * Where there is no /proc, the path's realpath is checked right before the read of that real
 * path (no link followed at its end): a swap of a folder between the two is not caught there.
 */
function readInside(full: string, realRoot: string, limit: number, head: boolean) {
  const fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = openedPath(fd);
    if (opened !== undefined) {
      return within(realRoot, opened)
        ? readBoundedSync(`/proc/self/fd/${fd}`, limit, { head })
        : OUTSIDE;
    }
  } finally {
    closeSync(fd);
  }
  const real = realpathSync(full);
  return within(realRoot, real) ? readBoundedSync(real, limit, { head, noFollow: true }) : OUTSIDE;
}

/** The real path of an open descriptor, from /proc; undefined where /proc does not give it. */
function openedPath(fd: number): string | undefined {
  try {
    const path = readlinkSync(`/proc/self/fd/${fd}`);
    return path.startsWith("/") ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The path under the root of `path` in `context`, or undefined when it leaves the context. */
function insideContext(context: string, path: string): string | undefined {
  const within = posix.normalize(`./${path.replace(/^\/+/, "")}`);
  if (within === ".." || within.startsWith("../")) return undefined;
  return posix.join(context, within);
}
