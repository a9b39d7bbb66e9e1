// Apart from from-literal.ts so from-resolve.ts, which base-image.ts and the stage rules reach,
// can name it without importing the FROM rules back (scripts/check-import-cycles.mjs).

/** Where a reference's new text goes, and what the FROM then says. */
export interface ReferenceTarget {
  /** The reference as written in the FROM. */
  written: string;
  /** Writes `after`; returns the FROM's new reference, or undefined when it cannot be written. */
  write(after: string): string | undefined;
}
