import {
  chmodSync,
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { type MigrateResult, migrateDockerfile } from "@alpinize/dockerfile";
import { InputError } from "@alpinize/errors";
import type { PackageMap } from "@alpinize/package-map";

export interface FileMigration {
  /** The path as given on the command line (`-` for stdin). */
  file: string;
  before: string;
  result: MigrateResult;
}

/** Bounded read of a file the Dockerfile COPYs (shebang, commands it runs); never leaves the context dir. */
export function contextReader(dockerfile: string): (path: string) => string | undefined {
  const root = resolve(dirname(dockerfile));
  return (path) => {
    const full = resolve(root, path.replace(/^\/+/, ""));
    const rel = relative(root, full);
    if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(full, "r");
      // Enough for any entrypoint script; bigger files are read in part (shebang and commands).
      const buf = Buffer.alloc(Math.min(fstatSync(fd).size, 1024 * 1024));
      // A directory throws EISDIR here, which counts as "not a script".
      const n = readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString("utf8");
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

/** Reads and migrates one Dockerfile. Throws InputError (exit 2) for missing or unusable files. */
export function migrateFile(
  file: string,
  options: { packageMap: PackageMap; release: string; stdin?: string },
): FileMigration {
  const before = file === "-" ? (options.stdin ?? "") : readDockerfile(file);
  const result = migrateDockerfile(before, {
    release: options.release,
    packageMap: options.packageMap,
    fileName: file === "-" ? "stdin" : file,
    ...(file === "-" ? {} : { readContextFile: contextReader(file) }),
  });
  return { file, before, result };
}

function readDockerfile(file: string): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch {
    throw new InputError("ALPINIZE_MIGRATE_NO_FILE", `${file}: no such file`, {
      hint: "Pass the path of a Dockerfile (or - to read standard input).",
      details: { file },
    });
  }
  if (stat.isDirectory()) {
    throw new InputError(
      "ALPINIZE_MIGRATE_DIRECTORY",
      `${file} is a directory; migrating a directory is not supported yet`,
      {
        hint: `Pass the Dockerfile itself, e.g. alpinize migrate ${join(file, "Dockerfile")}.`,
        details: { file },
      },
    );
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0)) {
    throw new InputError("ALPINIZE_MIGRATE_BINARY", `${file}:1: binary file, not a Dockerfile`, {
      hint: "Pass a Dockerfile.",
    });
  }
  return bytes.toString("utf8");
}

/** Replaces the file atomically: a temp file in the same directory, same mode, then rename. */
export function writeAtomic(path: string, text: string): void {
  // Write through a symlink to the file it points at, rather than replacing the link.
  const file = realpathSync(path);
  const mode = statSync(file).mode & 0o7777;
  const tmp = join(dirname(file), `.${basename(file)}.alpinize-${process.pid}-${Date.now()}.tmp`);
  const fd = openSync(tmp, "wx", mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw err;
  }
}
