import { lstat, realpath, stat } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import { plainPath } from "./plain-path.js";

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
 * the files under it): its kind only, from stat, never its contents; and `folder`, the first
 * folder on the way that is the link leading out (`etcdir` of `etcdir/x.sh`, `etcdir -> /etc`),
 * when it is not the source's own link. A path under such a folder counts even when nothing is
 * there: Docker finds nothing behind the folder link either, and the link is what to fix.
 */
export async function linkOutOfContext(
  root: string,
  contexts: readonly string[],
  source: string,
): Promise<{ directory: boolean; folder?: string } | undefined> {
  if (!plainPath(source)) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source));
    if (rel.startsWith("..")) return undefined;
    const full = join(root, rel);
    const realContext = await realpath(join(root, context)).catch(() => undefined);
    const folder = async () =>
      realContext === undefined
        ? undefined
        : outsideFolder(root, context, realContext, posix.relative(context, rel));
    // lstat follows the folder links on the way, not a link at the end: is anything there?
    if ((await lstat(full).catch(() => undefined)) === undefined) {
      const out = await folder();
      if (out !== undefined) return { directory: false, folder: out };
      continue;
    }
    const real = await realpath(full).catch(() => undefined);
    if (realContext === undefined || real === undefined || within(realContext, real))
      return undefined;
    const info = await stat(full).catch(() => undefined);
    const out = await folder();
    return {
      directory: info?.isDirectory() === true,
      ...(out !== undefined ? { folder: out } : {}),
    };
  }
  return undefined;
}

/** The first folder on the way to `path` (of the context folder `context`) whose link leads out. */
async function outsideFolder(
  root: string,
  context: string,
  realContext: string,
  path: string,
): Promise<string | undefined> {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    const at = join(root, context, folder);
    const info = await lstat(at).catch(() => undefined);
    if (info === undefined) return undefined;
    if (!info.isSymbolicLink()) continue;
    const real = await realpath(at).catch(() => undefined);
    if (real === undefined) return undefined;
    if (!within(realContext, real)) return folder;
  }
  return undefined;
}
