import { randomBytes } from "node:crypto";
import { realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "@alpinize/errors";

/** Writes next to the target and renames, so a reader never sees a half-written file. */
export async function writeAtomic(path: string, text: string, cwd: string): Promise<void> {
  try {
    const target = await existingTarget(resolve(cwd, path));
    // A device or FIFO (`--output /dev/null`, `/dev/stdout`) cannot be renamed over without
    // replacing it with a plain file, so it is written through instead.
    if (target.special) return await writeFile(target.path, text);
    await renameInto(target.path, text);
  } catch (err) {
    throw new InputError(
      "ALPINIZE_GATE_OUTPUT_UNWRITABLE",
      `${path}: cannot write the output (${(err as NodeJS.ErrnoException).code ?? err})`,
      {
        hint: "Check that the directory exists and is writable.",
        cause: err,
      },
    );
  }
}

/** Follows symlinks, so the file a link points at is replaced and the link itself is kept. */
async function existingTarget(path: string): Promise<{ path: string; special: boolean }> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { path, special: false };
    throw err;
  }
  const st = await stat(real);
  return { path: real, special: !st.isFile() && !st.isDirectory() };
}

async function renameInto(target: string, text: string): Promise<void> {
  const tmp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(tmp, text, { flag: "wx" });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
