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
  // file → the refused script that holds it back, and the link it was reached through.
  const held = new Map<string, string>();
  const chain: Chain = { through: new Map(), heldBy: new Map() };
  const queue = [...refused.keys()];
  while (queue.length > 0) {
    const script = queue.shift()!;
    const cause = refused.get(script) ?? held.get(script)!;
    for (const ref of scripts.get(script) ?? []) {
      if (ref.role === "copied" || held.has(ref.dockerfile)) continue;
      held.set(ref.dockerfile, cause);
      chain.through.set(ref.dockerfile, script);
      for (const other of runsOf.get(ref.dockerfile) ?? [])
        if (!refused.has(other) && !held.has(other)) {
          held.set(other, cause);
          chain.heldBy.set(other, ref.dockerfile);
          queue.push(other);
        }
    }
  }
  const kept: FilePlan[] = [];
  for (const file of plan.files) {
    const cause = held.get(file.file);
    if (cause === undefined || !file.changed) kept.push(file);
    else plan.unparsable.push(heldEntry(file, cause, scripts, chain));
  }
  plan.files = kept;
}

function runByAnImage(refs: readonly ScriptReference[] | undefined): boolean {
  return refs?.some((r) => r.role !== "copied") === true;
}

/**
 * How a held file was reached: a Dockerfile through the script it runs, a script through the
 * Dockerfile that runs it beside a held one (Dockerfile.b runs shared.sh, which Dockerfile.a runs
 * beside crlf.sh): the message names that link, not only the refused script.
 */
interface Chain {
  through: Map<string, string>;
  heldBy: Map<string, string>;
}

function heldEntry(
  file: FilePlan,
  cause: string,
  scripts: ReadonlyMap<string, ScriptReference[]>,
  chain: Chain,
): SkippedFile {
  const runs = chain.through.get(file.file) ?? cause;
  const ref = scripts.get(runs)?.find((r) => r.role !== "copied" && r.dockerfile === file.file);
  const how = ref ? ` (its ${ref.role === "entrypoint" ? "ENTRYPOINT" : "CMD"})` : "";
  const via = chain.heldBy.get(runs);
  const reason =
    file.kind !== "dockerfile"
      ? `it is run by an image that also runs ${cause}, which could not be rewritten`
      : runs === cause || via === undefined
        ? `it runs ${cause}${how}, which could not be rewritten`
        : `it runs ${runs}${how}, which ${via} runs too, held back with ${cause}, which could not be rewritten`;
  return {
    file: file.file,
    message: `${file.file}: left unchanged: ${reason}; migrating one without the other would leave an image that fails when it starts`,
    code: HELD_CODE,
    hint: `Fix ${cause} as its error says, then run alpinize migrate again.`,
  };
}
