import { TOO_MANY_PACKAGE_NAMES } from "./decision-sum.js";
import { HELD_CODE } from "./held-groups.js";
import type { RepoPlan } from "./types.js";

/** The code of a Dockerfile of more instructions than alpinize reads (`MAX_INSTRUCTIONS`). */
export const TOO_MANY_INSTRUCTIONS = "ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS";
/** The code of a Dockerfile of more `sh -c` strings than migrate reads (`MAX_SHELL_STRINGS`). */
export const TOO_MANY_SHELL_STRINGS = "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS";

const LIMITS: readonly string[] = [
  TOO_MANY_PACKAGE_NAMES,
  TOO_MANY_INSTRUCTIONS,
  TOO_MANY_SHELL_STRINGS,
  HELD_CODE,
];

/** How the files of a plan fared, counted so that the parts add up to `examined`. */
export interface PlanTally {
  /** Every file looked at: those planned (`files`) and those in `unparsable` only. */
  examined: number;
  dockerfiles: number;
  scripts: number;
  /** Files that could not be read or parsed (in `unparsable` only), none refused by a limit. */
  unreadable: number;
  /**
   * Dockerfiles read and parsed but refused by the package-name limit (in `unparsable` only, code
   * `ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES`): one naming too many, or the run's sum passed.
   */
  overPackageLimit: number;
  /**
   * Dockerfiles refused by the instruction-count limit (in `unparsable` only, code
   * `ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS`): read, but holding too many to parse.
   */
  overInstructionLimit: number;
  /**
   * Dockerfiles parsed but refused by the `sh -c` string limit (in `unparsable` only, code
   * `ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS`), nested strings counted.
   */
  overShellStringLimit: number;
  /**
   * Files read and planned but left as they were with a script that could not be rewritten (in
   * `unparsable` only, code `ALPINIZE_REPO_HELD`): the Dockerfiles that run it, and their other
   * scripts.
   */
  heldBack: number;
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
  const notPlanned = [...failed].filter((file) => !planned.has(file));
  // Each file counted once, under the first limit that refused it (a file names one in practice).
  const limitOf = new Map<string, string>();
  for (const u of plan.unparsable)
    if (u.code !== undefined && LIMITS.includes(u.code) && !limitOf.has(u.file))
      limitOf.set(u.file, u.code);
  const refusedBy = (code: string) =>
    notPlanned.filter((file) => limitOf.get(file) === code).length;
  const overPackageLimit = refusedBy(TOO_MANY_PACKAGE_NAMES);
  const overInstructionLimit = refusedBy(TOO_MANY_INSTRUCTIONS);
  const overShellStringLimit = refusedBy(TOO_MANY_SHELL_STRINGS);
  const heldBack = refusedBy(HELD_CODE);
  const changed = plan.files.filter((f) => f.changed);
  return {
    examined: plan.files.length + notPlanned.length,
    dockerfiles: plan.files.filter((f) => f.kind === "dockerfile").length,
    scripts: plan.files.filter((f) => f.kind === "script").length,
    unreadable:
      notPlanned.length - overPackageLimit - overInstructionLimit - overShellStringLimit - heldBack,
    overPackageLimit,
    overInstructionLimit,
    overShellStringLimit,
    heldBack,
    toChange: changed.length,
    notWritten: changed.filter((f) => failed.has(f.file)).length,
  };
}

/** The files a limit refused, each limit named: what the summary and the report add. */
export function limitRefusals(t: PlanTally): string {
  const parts: [number, string][] = [
    [t.overPackageLimit, "refused by the package-name limit"],
    [t.overInstructionLimit, "refused by the instruction-count limit"],
    [t.overShellStringLimit, "refused by the sh -c string limit"],
    [t.heldBack, "held back with a script they run that could not be rewritten"],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, why]) => `, ${count} ${why}`)
    .join("");
}

/** Files a limit refused, of every limit, and those held back: they are left untouched. */
export const refusedByLimits = (t: PlanTally): number =>
  t.overPackageLimit + t.overInstructionLimit + t.overShellStringLimit + t.heldBack;
