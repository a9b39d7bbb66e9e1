import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { join, posix } from "node:path";
import { danglingLinkTarget } from "@alpinize/bounded-read";
import { plainPath } from "./missing-source.js";

/**
 * A COPY source Docker finds nothing behind: `dangling`, the missing name as the last link spells
 * it; for a loop of links (`loop1 -> loop2 -> loop1`, `self -> self`), `loop` and the name the
 * source's own link points to.
 */
export interface LinkEnd {
  dangling: string;
  loop?: true;
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
    if (lstatOrUndefined(full) === undefined) continue;
    const end = danglingLinkTarget(full) ?? loopStart(full);
    if (end === undefined) return undefined;
    const found = foundInContext(join(root, context), posix.relative(context, rel));
    return found ? undefined : typeof end === "string" ? { dangling: end } : end;
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
