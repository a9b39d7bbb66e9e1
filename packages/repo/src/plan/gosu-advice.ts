import type { ScriptReference } from "../discover/scripts.js";
import { lintScript } from "../lint-script.js";
import type { Transforms } from "../transforms.js";
import type { RepoPlan } from "./types.js";

/** How migrate's gosu → su-exec warnings end: advice for a run that only sees the Dockerfile. */
const ADVICE = "; scripts that call gosu need the same change (alpinize entrypoint)";

/**
 * migrate DIR runs the entrypoint rewrite itself, so the advice to run it is left out of a
 * Dockerfile's gosu warnings once no script that Dockerfile copies still calls gosu. A script that
 * could not be read or parsed may still call it: its Dockerfiles keep the advice.
 */
export function dropDoneGosuAdvice(
  plan: RepoPlan,
  scripts: ReadonlyMap<string, ScriptReference[]>,
  transforms: Pick<Transforms, "lintEntrypoint">,
): void {
  const pending = new Set<string>();
  for (const [path, refs] of scripts) {
    const planned = plan.files.find((f) => f.kind === "script" && f.file === path);
    if (planned && !callsGosu(planned.after, path, transforms)) continue;
    for (const ref of refs) pending.add(ref.dockerfile);
  }
  for (const file of plan.files) {
    if (file.kind !== "dockerfile" || pending.has(file.file)) continue;
    file.warnings = file.warnings.map((w) =>
      w.rule === "tini-gosu" && w.message.endsWith(ADVICE)
        ? { ...w, message: w.message.slice(0, -ADVICE.length) }
        : w,
    );
  }
}

/** The script's own gosu calls (the inlined shims library probes for gosu on purpose). */
function callsGosu(
  text: string,
  path: string,
  transforms: Pick<Transforms, "lintEntrypoint">,
): boolean {
  try {
    return lintScript(transforms, text, path).some((w) => w.rule === "gosu");
  } catch {
    // A script the lint cannot read is not known to be free of gosu.
    return true;
  }
}
