import { join } from "node:path";
import { writeFileAtomic } from "../workspace/files.js";
import type { RepoPlan } from "./types.js";

/**
 * Writes every changed file of the plan, each one atomically (temp file + rename), so an
 * interrupted run leaves each file either as it was or fully migrated. Files in `unparsable`
 * have no entry in `files` and are never written.
 */
export async function applyPlan(
  plan: RepoPlan,
  onFile?: (file: string) => void,
): Promise<string[]> {
  const written: string[] = [];
  for (const file of plan.files) {
    if (!file.changed) continue;
    onFile?.(file.file);
    await writeFileAtomic(join(plan.root, file.file), file.after);
    written.push(file.file);
  }
  return written;
}
