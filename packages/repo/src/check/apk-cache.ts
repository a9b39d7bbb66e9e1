import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";

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
    else operands.push(slashesDropped(arg));
  }
  return operands.some((p) => p === CACHE_FILES || (recursive && CACHE_FOLDERS.has(p)));
}

/**
 * `arg.replace(/(?<=.)\/+$/, "")`: trailing slashes dropped, but one kept where they follow
 * nothing or a line break (`/` stays `/`). Read from the end once; the expression went to the end
 * of a long run of slashes from each of them.
 */
export function slashesDropped(arg: string): string {
  const end = withoutTrailingSlashes(arg).length;
  if (end === arg.length) return arg;
  return end === 0 || /[\n\r\u2028\u2029]/.test(arg[end - 1] as string)
    ? arg.slice(0, end + 1)
    : arg.slice(0, end);
}
