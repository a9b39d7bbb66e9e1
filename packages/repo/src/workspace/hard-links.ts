import { statSync } from "node:fs";

/** One file a run replaced: its inode before any write (`dev:ino`) and its other hard links then. */
export interface LinkedWrite {
  file: string;
  /** `dev:ino` of the file as read, through symlinks; undefined when it could not be stat'ed. */
  inode: string | undefined;
  /** What the write returned: the file's other hard links just before its rename. */
  others: number;
}

/** The `dev:ino` of `path` through symlinks, taken before a run writes: how its writes pair up. */
export function inodeKey(path: string): string | undefined {
  try {
    const info = statSync(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * The writes, in order, whose other hard links still hold the old text once the run is done.
 * Two names of one inode that a run both rewrites (`ln a b; alpinize pin --write a b`) are not
 * left behind: a name written later is taken off the count of the earlier one, which still held
 * it when renamed (and the later one no longer counts the earlier, by then a new inode).
 */
export function linksLeftBehind<T extends LinkedWrite>(writes: readonly T[]): T[] {
  const left: T[] = [];
  writes.forEach((w, i) => {
    const later = writes.slice(i + 1).filter((o) => o.inode !== undefined && o.inode === w.inode);
    const others = w.others - later.length;
    if (others > 0) left.push({ ...w, others });
  });
  return left;
}
