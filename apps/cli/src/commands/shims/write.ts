import {
  closeSync,
  fchownSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "@alpinize/errors";

function unwritable(file: string, err: unknown): InputError {
  return new InputError(
    "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE",
    `cannot write ${file}: ${(err as Error).message}`,
    { hint: "Check that the directory exists and is writable.", cause: err },
  );
}

/**
 * Writes FILE through a temp file in its directory and a rename, keeping the mode (and, for root,
 * the owner) of a file it replaces. A symlink is followed, so its target is replaced and the link
 * stays; a device or FIFO (/dev/stdout, a pipe) is written into, never replaced.
 */
export function writeNewOrReplace(file: string, text: string): void {
  let st: Stats | undefined;
  try {
    st = statSync(file);
  } catch {
    // a new file
  }
  if (st?.isDirectory())
    throw new InputError("ALPINIZE_SHIMS_OUTPUT_DIRECTORY", `${file} is a directory`, {
      hint: "Pass a file path, e.g. --output ./alpinize-shims.sh.",
    });
  if (st && !st.isFile()) {
    writeInto(file, text);
    return;
  }
  const real = st ? realpathSync(file) : file;
  const tmp = join(dirname(real), `.${basename(real)}.alpinize-${process.pid}-${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, "wx", st ? st.mode & 0o7777 : 0o644);
  } catch (err) {
    throw unwritable(file, err);
  }
  try {
    if (st && process.getuid?.() === 0) fchownSync(fd, st.uid, st.gid);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, real);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw err;
  }
}

function writeInto(file: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(file, "w");
  } catch (err) {
    throw unwritable(file, err);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
