import { join } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import { CHANGED, READ_ONLY, writeFileAtomic } from "../workspace/files.js";
import { inodeKey, type LinkedWrite, linksLeftBehind } from "../workspace/hard-links.js";
import type { RepoPlan } from "./types.js";

/**
 * Writes every changed file of the plan, each one atomically (temp file + rename), so an
 * interrupted run leaves each file either as it was or fully migrated. Files in `unparsable`
 * have no entry in `files` and are never written. A file that cannot be written (read-only
 * folder, full disk), or that changed or went away since the plan read it (its `stamp`), is
 * added to `plan.unparsable` as left as it is, and the others are still written.
 * `onOtherLinks` hears, once every file is written, of each written file that had other hard
 * links the run did not write too: the rename gave it a new inode, so those `others` names keep
 * the old text.
 */
export async function applyPlan(
  plan: RepoPlan,
  onFile?: (file: string) => void,
  onOtherLinks?: (file: string, others: number) => void,
): Promise<string[]> {
  const written: string[] = [];
  const changed = plan.files.filter((f) => f.changed);
  // Taken before any write: a rename gives a file a new inode, and two names of one are paired.
  const inodes = new Map(changed.map((f) => [f.file, inodeKey(join(plan.root, f.file))]));
  const linked: LinkedWrite[] = [];
  for (const file of changed) {
    onFile?.(file.file);
    try {
      const others = await writeFileAtomic(join(plan.root, file.file), file.after, file.stamp);
      written.push(file.file);
      linked.push({ file: file.file, inode: inodes.get(file.file), others });
    } catch (err) {
      if (isAlpinizeError(err) && err.code === CHANGED) {
        plan.unparsable.push({
          file: file.file,
          message: `${file.file}: cannot write: it changed while alpinize was working (${String(err.details.change)}); it was left as it is now`,
          code: err.code,
        });
        continue;
      }
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      const why =
        code === READ_ONLY
          ? "read-only for this user"
          : code === "ALPINIZE_WRITE_NOT_OWNER"
            ? "another user's file: rewriting it would change its owner; run as its owner or root"
            : code;
      // Our own refusals (another user's file, a read-only one) say what to do; errno codes
      // get the CLI's hint for the code.
      const hint = isAlpinizeError(err) ? err.hint : undefined;
      plan.unparsable.push({
        file: file.file,
        message: `${file.file}: cannot write (${why}); left unchanged`,
        code,
        ...(hint ? { hint } : {}),
      });
    }
  }
  for (const w of linksLeftBehind(linked)) onOtherLinks?.(w.file, w.others);
  return written;
}
