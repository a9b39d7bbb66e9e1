import { baseName, type ShellCommand } from "../dockerfile/commands.js";

/** What `rm` must be given to empty apk's cache: the files in it, or the folder (then with -r). */
const CACHE_FILES = "/var/cache/apk/*";
const CACHE_FOLDERS = new Set(["/var/cache/apk", "/var/cache/*", "/var/cache"]);

/**
 * Where, in a RUN's commands, the last `rm` that empties /var/cache/apk is (-1 when none): the
 * index an apk call before it leaves there is gone before the layer is written, so it does not
 * need --no-cache. Flags may come in any order and cluster (`-rf`, `-fr`, `-r -f`, `--recursive`).
 */
export function lastApkCacheRemoval(commands: readonly ShellCommand[]): number {
  for (let k = commands.length - 1; k >= 0; k--) if (emptiesApkCache(commands[k]!)) return k;
  return -1;
}

function emptiesApkCache(cmd: ShellCommand): boolean {
  if (baseName(cmd.name) !== "rm") return false;
  let recursive = false;
  const operands: string[] = [];
  let options = true;
  for (const arg of cmd.args) {
    if (options && arg === "--") options = false;
    else if (options && arg.startsWith("--")) recursive ||= arg === "--recursive";
    else if (options && /^-[A-Za-z]+$/.test(arg)) recursive ||= /[rR]/.test(arg);
    else operands.push(arg.replace(/(?<=.)\/+$/, ""));
  }
  return operands.some((p) => p === CACHE_FILES || (recursive && CACHE_FOLDERS.has(p)));
}
