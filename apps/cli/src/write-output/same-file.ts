import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { namesFolder } from "./locate.js";

/**
 * The first of `inputs` that writing `output` would replace or write into: the same path once
 * links are resolved, or the same file by device and inode (a hard link, a /dev/fd/N opened on
 * it). Paths are taken from `cwd`; `-` (standard input or output) is never a file here. Only
 * regular files count: /dev/stdin and /dev/stdout on one terminal are not a clash.
 */
export function inputWrittenBy(
  output: string,
  inputs: readonly string[],
  cwd: string,
): string | undefined {
  // `out/` only a folder answers to: it cannot replace a file, and writing it is refused.
  if (output === "-" || namesFolder(output)) return undefined;
  const target = canonicalPath(resolve(cwd, output));
  const outStat = regularFile(resolve(cwd, output));
  return inputs.find((input) => {
    if (input === "-") return false;
    const full = resolve(cwd, input);
    if (canonicalPath(full) === target) return true;
    const inStat = outStat && regularFile(full);
    return inStat !== undefined && inStat.dev === outStat!.dev && inStat.ino === outStat!.ino;
  });
}

function regularFile(path: string): { dev: number; ino: number } | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? { dev: st.dev, ino: st.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** The real path, also for a file that does not exist yet (its folder's real path + its name). */
export function canonicalPath(full: string): string {
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}
