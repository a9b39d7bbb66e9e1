/**
 * Exit codes shared by every alpinize command. They are part of the public contract: CI jobs
 * branch on them, so a code never changes meaning.
 */
export const EXIT = {
  /** Done; nothing to report, or the check/gate passed. */
  OK: 0,
  /** The command ran and found something: changes needed, policy violated, a reference unresolved. */
  FINDINGS: 1,
  /** Bad input or usage: unreadable or unparsable file, unknown flag, bad reference. */
  BAD_INPUT: 2,
  /** An internal error: a bug in alpinize. */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
