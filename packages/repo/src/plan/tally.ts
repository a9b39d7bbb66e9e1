import { TOO_MANY_PACKAGE_NAMES } from "./decision-sum.js";
import type { RepoPlan } from "./types.js";

/** How the files of a plan fared, counted so that the parts add up to `examined`. */
export interface PlanTally {
  /** Every file looked at: those planned (`files`) and those in `unparsable` only. */
  examined: number;
  dockerfiles: number;
  scripts: number;
  /** Files that could not be read or parsed (in `unparsable` only). */
  unreadable: number;
  /**
   * Dockerfiles read and parsed but refused by the package-name limit (in `unparsable` only, code
   * `ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES`): one naming too many, or the run's sum passed.
   */
  overPackageLimit: number;
  /** Files read whose migration changes them, written or not. */
  toChange: number;
  /**
   * Of those, the ones `applyPlan` could not write (or found edited meanwhile): they are in
   * both `files` and `unparsable`, and were left as they were.
   */
  notWritten: number;
}

/**
 * Counts a plan's files. After `applyPlan`, a file it could not write is both planned and
 * listed as left untouched: counting it once, as not written, keeps the numbers adding up.
 */
export function tallyPlan(plan: RepoPlan): PlanTally {
  const planned = new Set(plan.files.map((f) => f.file));
  const failed = new Set(plan.unparsable.map((u) => u.file));
  const overLimit = new Set(
    plan.unparsable.filter((u) => u.code === TOO_MANY_PACKAGE_NAMES).map((u) => u.file),
  );
  const notPlanned = [...failed].filter((file) => !planned.has(file));
  const overPackageLimit = notPlanned.filter((file) => overLimit.has(file)).length;
  const changed = plan.files.filter((f) => f.changed);
  return {
    examined: plan.files.length + notPlanned.length,
    dockerfiles: plan.files.filter((f) => f.kind === "dockerfile").length,
    scripts: plan.files.filter((f) => f.kind === "script").length,
    unreadable: notPlanned.length - overPackageLimit,
    overPackageLimit,
    toChange: changed.length,
    notWritten: changed.filter((f) => failed.has(f.file)).length,
  };
}
