import type { PinResolver } from "@alpinize/digest";
import type { RepoPlan } from "./types.js";

export interface PinFailure {
  file: string;
  line: number;
  reference: string;
  message: string;
}

const NOT_OURS = new Error("not rewritten by this migration");

/**
 * `migrate --pin`: pins the base images the migration rewrote (and only those) to their index
 * digests, which also proves the new tags exist. Other references keep whatever they had; that is
 * `alpinize pin`'s job. Returns the references that could not be resolved.
 */
export async function pinPlan(plan: RepoPlan, resolve: PinResolver): Promise<PinFailure[]> {
  // Loaded here, not with the package: @alpinize/digest brings the Docker client along, and every
  // command that reads a file through this package (entrypoint, check) would pay for it at start.
  const { pinText } = await import("@alpinize/digest");
  const failures: PinFailure[] = [];
  for (const file of plan.files) {
    const rewritten = new Set(
      (file.result?.images ?? []).filter((i) => i.after !== i.before).map((i) => i.after),
    );
    if (rewritten.size === 0) continue;
    const onlyRewritten: PinResolver = async (references) => {
      const ours = references.filter((r) => rewritten.has(r));
      const answers = new Map(
        (ours.length > 0 ? await resolve(ours) : []).map((o) => [o.reference, o]),
      );
      return references.map(
        (reference) => answers.get(reference) ?? { reference, error: NOT_OURS },
      );
    };
    const result = await pinText("dockerfile", file.after, onlyRewritten);
    for (const problem of result.problems) {
      if (problem.error === NOT_OURS) continue;
      failures.push({
        file: file.file,
        line: problem.line,
        reference: problem.reference,
        message: problem.error.message,
      });
    }
    for (const change of result.changes) {
      plan.pins.push({
        file: file.file,
        line: change.line,
        reference: change.reference,
        digest: change.digest,
      });
    }
    file.after = result.text;
    file.changed = file.after !== file.before;
  }
  return failures;
}
