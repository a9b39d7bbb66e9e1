import { readlinkSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { DANGLING_LINK_HINT, isLinkLoop, LINK_LOOP, LINK_LOOP_HINT } from "@alpinize/errors";

/** Where a symbolic link named like a Dockerfile leads, as `migrate DIR` reports it. */
export type LinkPoints = "nowhere" | "migrated" | "repository" | "outside";

export interface LinkInfo {
  /** The link's text, as `readlink` gives it. */
  target: string;
  /**
   * `nowhere`: dangling (or a loop); `migrated`: a Dockerfile this run migrates on its own;
   * `repository`: another path in the repository; `outside`: a path outside it.
   */
  points: LinkPoints;
}

/**
 * Says where the link `file` (POSIX, relative to `root`) leads, without reading what it points
 * to: a link is never followed for migrating, but the user is told why it was passed over.
 */
export function describeLink(
  root: string,
  file: string,
  migrated: ReadonlySet<string>,
): { link: LinkInfo; message: string; hint: string } {
  const full = join(root, file);
  let target = "";
  try {
    target = readlinkSync(full);
  } catch {
    // Gone since the walk: as good as dangling.
  }
  const where = whereItPoints(root, full, migrated);
  const link = { target, points: where === "loop" ? "nowhere" : where };
  // A loop is "nowhere" in --json (the documented values stay), but is called a loop in words,
  // as migrate FILE and check call it.
  const reason = where === "loop" ? `${LINK_LOOP} (to ${target || "?"})` : linkReason(link);
  return {
    link,
    message: `${file}: ${reason}; skipped (alpinize does not follow links)`,
    hint: linkHint(where),
  };
}

function linkHint(where: LinkPoints | "loop"): string {
  if (where === "loop") return LINK_LOOP_HINT;
  if (where === "nowhere") return DANGLING_LINK_HINT;
  return "Run alpinize migrate on the file the link points to, or put the Dockerfile itself in its place.";
}

function whereItPoints(
  root: string,
  full: string,
  migrated: ReadonlySet<string>,
): LinkPoints | "loop" {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(full);
    realRoot = realpathSync(root);
  } catch (err) {
    return isLinkLoop(err) ? "loop" : "nowhere";
  }
  const rel = relative(realRoot, real);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return "outside";
  return migrated.has(rel.split(sep).join("/")) ? "migrated" : "repository";
}

function linkReason({ target, points }: LinkInfo): string {
  switch (points) {
    case "nowhere":
      return `dangling symbolic link (to ${target || "?"}, which does not exist)`;
    case "migrated":
      return `symbolic link to ${target}, a Dockerfile this run migrates itself`;
    case "repository":
      return `symbolic link to ${target}, which is not a Dockerfile this run migrates`;
    case "outside":
      return `symbolic link to ${target}, outside the repository`;
  }
}
