import { fstatSync, statSync } from "node:fs";
import { outputTarget } from "../../write-output.js";

/**
 * Whether writing `path` lands on this process's standard output: `-`, /dev/stdout or a link to
 * it, or a /dev/fd/N that shares stdout's pipe, file or terminal (`3>&1`). A path that cannot be
 * looked up is not stdout: writing it reports why.
 */
export function reachesStdout(path: string, cwd: string): boolean {
  try {
    const target = outputTarget(path, cwd);
    if (target.kind === "own-fd") return target.fd === 1;
    if (target.kind !== "fd-path") return false;
    const out = fstatSync(1);
    const it = statSync(target.path);
    return it.dev === out.dev && it.ino === out.ino;
  } catch {
    return false;
  }
}
