import { lstatSync, readlinkSync, realpathSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { OutputFolderPathError } from "./errors.js";

export type OutputTarget =
  | { kind: "own-fd"; fd: number }
  | { kind: "fd-path" | "special" | "directory"; path: string }
  | { kind: "file"; path: string; stats: Stats }
  | { kind: "new"; path: string };

/**
 * What writeOutput would do with `path`, without writing: `own-fd` (fd 1 or 2 itself), `fd-path`
 * (opened for appending), `special` (written into), `file` (replaced), `new`, `directory`.
 */
export function outputKind(path: string, cwd = process.cwd()): OutputTarget["kind"] {
  return outputTarget(path, cwd).kind;
}

/**
 * Where writeOutput would write `path`: {@link outputKind} with the descriptor or real path. A
 * path written as a folder (`out/`) is a `directory` or throws OutputFolderPathError: resolving
 * it drops the slash, and `out` would then be created as a file.
 */
export function outputTarget(path: string, cwd = process.cwd()): OutputTarget {
  if (path === "-") return { kind: "own-fd", fd: 1 };
  const target = locate(resolve(cwd, path));
  if (!namesFolder(path) || target.kind === "directory") return target;
  throw new OutputFolderPathError(path, target.kind === "new" ? "nothing" : "not-a-folder");
}

/** `out/`, `out/.`, `..`: a path only a folder can answer to, as open(2) reads it. */
export function namesFolder(path: string): boolean {
  return /(?:^|\/)\.{0,2}$/.test(path);
}

/**
 * `resolve(cwd, path)`, keeping the trailing slash of a path written as a folder, so a later
 * {@link outputTarget} still refuses it.
 */
export function resolveOutputPath(cwd: string, path: string): string {
  const full = resolve(cwd, path);
  return namesFolder(path) && !full.endsWith("/") ? `${full}/` : full;
}

/** /dev/stdout, /dev/fd/N, /proc/{self,thread-self,PID}[/task/TID]/fd/N: an open descriptor. */
const FD_PATH =
  /^(?:\/dev\/(?:std(in|out|err)|fd\/(\d+))|\/proc\/(self|thread-self|\d+)(?:\/task\/\d+)?\/fd\/(\d+))$/;
const STD_FD: Record<string, number> = { in: 0, out: 1, err: 2 };

function fdAlias(path: string): OutputTarget | undefined {
  const m = FD_PATH.exec(path);
  if (!m) return undefined;
  const fd = m[1] !== undefined ? STD_FD[m[1]]! : Number(m[2] ?? m[4]);
  const ours =
    m[3] === undefined || m[3] === "self" || m[3] === "thread-self" || Number(m[3]) === process.pid;
  // Our own stdout/stderr is written through the descriptor itself: it works for sockets
  // too, and never opens (let alone replaces) anything.
  if (ours && (fd === 1 || fd === 2)) return { kind: "own-fd", fd };
  return { kind: "fd-path", path };
}

/**
 * Follows the path one symlink at a time, so a chain that passes through an fd path (a link to
 * /proc/self/fd/1, whose own target may be `pipe:[N]` or the file the shell opened) is noticed
 * before realpath would hide it or fail on it.
 */
function locate(start: string): OutputTarget {
  let path = start;
  for (let hops = 0; hops < 64; hops++) {
    const alias = fdAlias(path);
    if (alias) return alias;
    const real = join(realpathSync(dirname(path)), basename(path));
    if (real !== path) {
      path = real;
      continue;
    }
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "new", path };
      throw err;
    }
    if (st.isSymbolicLink()) {
      const link = readlinkSync(path);
      // A /proc magic link to a pipe or socket: only opening the link itself reaches it.
      if (/^[a-z_]+:\[\d+\]$/.test(link)) return { kind: "fd-path", path };
      path = resolve(dirname(path), link);
      continue;
    }
    if (st.isFile()) return { kind: "file", path, stats: st };
    return { kind: st.isDirectory() ? "directory" : "special", path };
  }
  throw Object.assign(new Error(`${start}: too many levels of symbolic links`), { code: "ELOOP" });
}
