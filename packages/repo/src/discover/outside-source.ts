import { lstat, realpath, stat } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import { plainPath } from "./missing-source.js";

/** Whether `path` is `root` or under it (`/ctx-other` is not under `/ctx`). */
export function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * Whether a COPY source is a link leading out of the build context: in the first of `contexts`
 * (folders relative to `root`) that has something at that path, its real path (its own link and
 * every folder link on the way followed) is outside that context. Docker never copies the file
 * such a link points to. Nothing is opened or read; a dangling link is not called one (it is
 * missing for Docker too, whatever it names).
 */
export async function leadsOutOfContext(
  root: string,
  contexts: readonly string[],
  source: string,
): Promise<boolean> {
  return (await linkOutOfContext(root, contexts, source)) !== undefined;
}

/**
 * {@link leadsOutOfContext}, with whether the link leads to a folder (a COPY of it would bring
 * the files under it): its kind only, from stat, never its contents.
 */
export async function linkOutOfContext(
  root: string,
  contexts: readonly string[],
  source: string,
): Promise<{ directory: boolean } | undefined> {
  if (!plainPath(source)) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source));
    if (rel.startsWith("..")) return undefined;
    const full = join(root, rel);
    // lstat follows the folder links on the way, not a link at the end: is anything there?
    if ((await lstat(full).catch(() => undefined)) === undefined) continue;
    const [realContext, real] = await Promise.all([
      realpath(join(root, context)).catch(() => undefined),
      realpath(full).catch(() => undefined),
    ]);
    if (realContext === undefined || real === undefined || within(realContext, real))
      return undefined;
    const info = await stat(full).catch(() => undefined);
    return { directory: info?.isDirectory() === true };
  }
  return undefined;
}
