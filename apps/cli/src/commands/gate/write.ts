import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "@alpinize/errors";

/** Writes next to the target and renames, so a reader never sees a half-written file. */
export async function writeAtomic(path: string, text: string, cwd: string): Promise<void> {
  const target = resolve(cwd, path);
  const tmp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(tmp, text, { flag: "wx" });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
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
