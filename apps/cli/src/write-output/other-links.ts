import { outputTarget } from "./locate.js";

/**
 * How many other hard links the regular file writeOutput would replace at `path` has: the
 * rename gives the name a new inode, and those other names keep the old text. 0 for a new file
 * and for what is written into (stdout, a pipe, a device), and when `path` cannot be looked up
 * (the write that follows words that).
 */
export function otherHardLinks(path: string, cwd?: string): number {
  try {
    const target = outputTarget(path, cwd);
    return target.kind === "file" ? Math.max(0, target.stats.nlink - 1) : 0;
  } catch {
    return 0;
  }
}
