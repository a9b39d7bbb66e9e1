import {
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "@alpinize/errors";

/** Writes FILE through a temp file in its directory and a rename; keeps the mode of a file it replaces. */
export function writeNewOrReplace(file: string, text: string): void {
  let mode = 0o644;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new InputError("ALPINIZE_SHIMS_OUTPUT_DIRECTORY", `${file} is a directory`, {
        hint: "Pass a file path, e.g. --output ./alpinize-shims.sh.",
      });
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
  const tmp = join(dirname(file), `.${basename(file)}.alpinize-${process.pid}-${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, "wx", mode);
  } catch (err) {
    throw new InputError(
      "ALPINIZE_SHIMS_OUTPUT_UNWRITABLE",
      `cannot write ${file}: ${(err as Error).message}`,
      {
        hint: "Check that the directory exists and is writable.",
        cause: err,
      },
    );
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw err;
  }
}
