import { lstatSync, readlinkSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** Links followed before giving up, as Linux's own path lookup does. */
const MAX_HOPS = 40;

/**
 * For a path that open or stat called missing (ENOENT): when it is a symbolic link, or a chain of
 * them, ending at a name that does not exist, that name as the last link spells it (readlink's
 * text). Undefined when the path itself is missing, or a folder on the way to it. Uses lstat and
 * readlink only, so it never opens (or blocks on) anything.
 */
export function danglingLinkTarget(path: string): string | undefined {
  let current = path;
  let target: string | undefined;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return target;
    }
    if (!isLink) return undefined;
    try {
      target = readlinkSync(current);
    } catch {
      return undefined;
    }
    current = resolve(dirname(current), target);
  }
  return undefined;
}
