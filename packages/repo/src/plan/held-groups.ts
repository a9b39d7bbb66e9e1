import type { ScriptReference } from "../discover/scripts.js";
import type { FilePlan, RepoPlan, SkippedFile } from "./types.js";

export const HELD_CODE = "ALPINIZE_REPO_HELD";

/**
 * All or nothing per group: a script an image runs (ENTRYPOINT or CMD) that could not be
 * rewritten (CRLF line ends, a syntax error…, or a link, never followed) leaves the Dockerfiles
 * that run it unchanged, and with them the other scripts those run, and so on. Migrating the
 * Dockerfile alone would give an Alpine image whose entrypoint still calls useradd or gosu: a
 * tree that builds and then fails when the container starts.
 */
export function holdRefusedGroups(
  plan: Pick<RepoPlan, "files" | "unparsable" | "skipped">,
  scripts: ReadonlyMap<string, ScriptReference[]>,
): void {
  const refused = new Map<string, string>();
  const unrewritten = plan.skipped.filter((s) => s.unrewritten === true);
  for (const entry of [...plan.unparsable, ...unrewritten])
    if (runByAnImage(scripts.get(entry.file))) refused.set(entry.file, entry.file);
  if (refused.size === 0) return;
  const runsOf = new Map<string, Set<string>>();
  for (const [path, refs] of scripts)
    for (const ref of refs) {
      if (ref.role === "copied") continue;
      const set = runsOf.get(ref.dockerfile) ?? new Set<string>();
      set.add(path);
      runsOf.set(ref.dockerfile, set);
    }
  // file → the refused script that holds it back.
  const held = new Map<string, string>();
  const queue = [...refused.keys()];
  while (queue.length > 0) {
    const script = queue.shift()!;
    const cause = refused.get(script) ?? held.get(script)!;
    for (const ref of scripts.get(script) ?? []) {
      if (ref.role === "copied" || held.has(ref.dockerfile)) continue;
      held.set(ref.dockerfile, cause);
      for (const other of runsOf.get(ref.dockerfile) ?? [])
        if (!refused.has(other) && !held.has(other)) {
          held.set(other, cause);
          queue.push(other);
        }
    }
  }
  const kept: FilePlan[] = [];
  for (const file of plan.files) {
    const cause = held.get(file.file);
    if (cause === undefined || !file.changed) kept.push(file);
    else plan.unparsable.push(heldEntry(file, cause, scripts));
  }
  plan.files = kept;
}

function runByAnImage(refs: readonly ScriptReference[] | undefined): boolean {
  return refs?.some((r) => r.role !== "copied") === true;
}

function heldEntry(
  file: FilePlan,
  cause: string,
  scripts: ReadonlyMap<string, ScriptReference[]>,
): SkippedFile {
  const ref = scripts.get(cause)?.find((r) => r.role !== "copied" && r.dockerfile === file.file);
  const how = ref ? ` (its ${ref.role === "entrypoint" ? "ENTRYPOINT" : "CMD"})` : "";
  const reason =
    file.kind === "dockerfile"
      ? `it runs ${cause}${how}, which could not be rewritten`
      : `it is run by an image that also runs ${cause}, which could not be rewritten`;
  return {
    file: file.file,
    message: `${file.file}: left unchanged: ${reason}; migrating one without the other would leave an image that fails when it starts`,
    code: HELD_CODE,
    hint: `Fix ${cause} as its error says, then run alpinize migrate again.`,
  };
}
