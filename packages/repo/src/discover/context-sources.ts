import { lstat, realpath } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";
import { danglingSource, type LinkEnd } from "./dangling-source.js";
import { linkOutOfContext } from "./outside-source.js";
import type { Runs } from "./stage-read.js";

/**
 * A COPY source found in the repository. `maybeBuilt`: the path lies inside a folder copied into
 * a stage that also RUNs commands; `context`: the context folder a source of the build context
 * was found in.
 */
export type Found = { path: string; directory: boolean; maybeBuilt?: boolean; context?: string };

/**
 * A file the image would run that links out of the context or to nothing: its path in the
 * context, where it lands, whether it came in with a copied folder, and the missing name a link
 * to nothing gives (see MissingScript).
 */
export type LinkedFile = {
  source: string;
  at: string;
  inFolder?: boolean;
  dangling?: string;
  loop?: true;
  folder?: string;
};

/** The first of `contexts` (folders under `root`) that holds `source`, as a file or a folder. */
export async function resolveSource(
  root: string,
  contexts: string[],
  source: string,
): Promise<Found | undefined> {
  if (source.includes("*") || source.includes("$") || source.includes("..")) return undefined;
  for (const context of contexts) {
    const rel = posix.normalize(posix.join(context, source)).replace(/\/+$/, "");
    if (rel.startsWith("..")) continue;
    if (!(await parentsInside(root, rel))) continue;
    const info = await lstat(join(root, rel)).catch(() => undefined);
    if (info?.isDirectory()) return { path: rel, directory: true, context };
    // A link, FIFO, socket or device is returned as a file so the plan and check can report it
    // as skipped; it is never read.
    if (info) return { path: rel, directory: false, context };
  }
  return undefined;
}

/**
 * A copied directory contributes the files ENTRYPOINT/CMD run from under its destination. With
 * `links`, one that leads out of the directory's context through a link (its own, or a folder's
 * under the directory), or that is a link to nothing, is returned under `linked` instead, by its
 * path in that context.
 */
export async function filesRunFromDirectory(
  root: string,
  dir: Found,
  destination: string,
  runs: Runs,
  links = false,
): Promise<{ scripts: { path: string; destination: string }[]; linked: LinkedFile[] }> {
  const destDir = withoutTrailingSlashes(destination);
  const scripts: { path: string; destination: string }[] = [];
  const linked: LinkedFile[] = [];
  for (const word of runs.keys()) {
    if (!word.startsWith(`${destDir}/`)) continue;
    const suffix = word.slice(destDir.length + 1);
    if (suffix.includes("..")) continue;
    const path = posix.join(dir.path, suffix);
    const link = links ? await brokenLink(root, dir, path) : undefined;
    if (link) {
      linked.push({ ...link, at: word, inFolder: true });
      continue;
    }
    // A whole folder (often the whole context) lands there: the caller tells the shell scripts
    // from the `server.js` or binary a CMD also names (isScriptAs).
    if (await existsInRepo(root, path)) scripts.push({ path, destination: word });
  }
  return { scripts, linked };
}

/** A file of a copied folder that Docker cannot copy the file of: a link out, or to nothing. */
async function brokenLink(
  root: string,
  dir: Found,
  path: string,
): Promise<({ source: string } & Partial<LinkEnd>) | undefined> {
  if (dir.context === undefined) return undefined;
  const source = posix.relative(dir.context, path);
  const out = await linkOutOfContext(root, [dir.context], source);
  if (out) return out.folder === undefined ? { source } : { source, folder: out.folder };
  const end = danglingSource(root, [dir.context], source);
  return end === undefined ? undefined : { source, ...end };
}

/** Whether `rel` is in the repository (a link counts: it is reported, never followed). */
export async function existsInRepo(root: string, rel: string): Promise<boolean> {
  if (!(await parentsInside(root, rel))) return false;
  return (await lstat(join(root, rel)).catch(() => undefined)) !== undefined;
}

/** False when a folder on the way to `rel` is a link leading out of the repository. */
async function parentsInside(root: string, rel: string): Promise<boolean> {
  const parent = posix.dirname(rel);
  if (parent === ".") return true;
  const [realRoot, realParent] = await Promise.all([
    realpath(root).catch(() => undefined),
    realpath(join(root, parent)).catch(() => undefined),
  ]);
  if (realRoot === undefined || realParent === undefined) return false;
  return realParent === realRoot || realParent.startsWith(`${realRoot}${sep}`);
}
