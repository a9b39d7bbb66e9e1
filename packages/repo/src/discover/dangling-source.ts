import { lstatSync, readlinkSync } from "node:fs";
import { join, posix } from "node:path";
import { danglingLinkTarget } from "@alpinize/bounded-read";
import { plainPath } from "./missing-source.js";

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
): string | undefined {
  if (!plainPath(source)) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source));
    if (rel.startsWith("..")) return undefined;
    const full = join(root, rel);
    if (lstatOrUndefined(full) === undefined) continue;
    const target = danglingLinkTarget(full);
    if (target === undefined) return undefined;
    return foundInContext(join(root, context), posix.relative(context, rel)) ? undefined : target;
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

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
