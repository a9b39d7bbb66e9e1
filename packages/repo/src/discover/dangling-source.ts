import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { join, posix } from "node:path";
import { danglingLinkTarget } from "@alpinize/bounded-read";
import { plainPath } from "./plain-path.js";

/**
 * A COPY source Docker finds nothing behind: `dangling`, the missing name as the last link spells
 * it; for a loop of links (`loop1 -> loop2 -> loop1`, `self -> self`), `loop` and the name the
 * source's own link points to.
 */
export interface LinkEnd {
  dangling: string;
  loop?: true;
  /**
   * The folder on the way that is that link (`dir1` of `dir1/x.sh`, with `dir1 -> dir2 -> dir1`),
   * by its path in the context; undefined when it is the source's own link.
   */
  folder?: string;
}

/** What an entry carries of how its link ends: only the fields set, so none is written undefined. */
export function linkEndFields(end: Partial<LinkEnd>): Partial<LinkEnd> {
  return {
    ...(end.dangling !== undefined ? { dangling: end.dangling } : {}),
    ...(end.loop ? { loop: end.loop } : {}),
    ...(end.folder !== undefined ? { folder: end.folder } : {}),
  };
}

/** Links followed before giving up, as Linux's own path lookup does. */
const MAX_HOPS = 40;

/**
 * For a COPY source that is a link to nothing (its own, or the last of a chain): the missing
 * name as the last link spells it (danglingLinkTarget); undefined for anything else. The first
 * of `contexts` (folders under `root`) with something at that path answers, as for
 * linkOutOfContext. Docker follows the link inside the build context (an absolute target from
 * the context's folder, `..` stopping there), so one that leads to a file the context has that
 * way is not a link to nothing for it (`run.sh -> /run.sh` copies the context's own run.sh).
 * Only lstat and readlink are asked: nothing is opened.
 */
export function danglingSource(
  root: string,
  contexts: readonly string[],
  source: string,
): LinkEnd | undefined {
  if (!plainPath(source)) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source));
    if (rel.startsWith("..")) return undefined;
    const full = join(root, rel);
    if (lstatOrUndefined(full) === undefined) {
      // Nothing at the path: a folder on the way may be the link to nothing (or a loop).
      const end = folderLinkEnd(root, context, posix.relative(context, rel));
      if (end !== undefined) return end;
      continue;
    }
    return linkEnd(root, context, posix.relative(context, rel));
  }
  return undefined;
}

/** For `path` of the context folder `context`, a link to nothing or a loop: how it ends. */
function linkEnd(root: string, context: string, path: string): LinkEnd | undefined {
  const full = join(root, context, path);
  const end = danglingLinkTarget(full) ?? loopStart(full);
  if (end === undefined) return undefined;
  if (foundInContext(join(root, context), path)) return undefined;
  return typeof end === "string" ? { dangling: end } : end;
}

/**
 * The first folder on the way to `path` (in the context folder `context`) that is a link to
 * nothing or a loop (`lib -> /nowhere`, `dir1 -> dir2 -> dir1`): Docker finds nothing behind it,
 * as for the file's own link. Undefined when the walk meets a plain missing name first.
 */
function folderLinkEnd(root: string, context: string, path: string): LinkEnd | undefined {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    const info = lstatOrUndefined(join(root, context, folder));
    if (info === undefined) return undefined;
    if (!info.isSymbolicLink()) continue;
    const end = linkEnd(root, context, folder);
    return end === undefined ? undefined : { ...end, folder };
  }
  return undefined;
}

/** Whether Docker finds something at `path` of the context folder `dir`, its links followed there. */
function foundInContext(dir: string, path: string): boolean {
  let at = posix.resolve("/", path);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const info = lstatOrUndefined(join(dir, at));
    if (info === undefined) return false;
    if (!info.isSymbolicLink()) return true;
    try {
      at = posix.resolve(posix.dirname(at), readlinkSync(join(dir, at)));
    } catch {
      return false;
    }
  }
  return false;
}

/** For a link the kernel gives up on (ELOOP): the name it points to, marked a loop. */
function loopStart(full: string): LinkEnd | undefined {
  try {
    realpathSync(full);
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ELOOP") return undefined;
  }
  try {
    return { dangling: readlinkSync(full), loop: true };
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
