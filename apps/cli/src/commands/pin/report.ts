import type {
  LocatedReference,
  PinChange,
  PinProblem,
  PinSkip,
  PinWarning,
} from "@alpinize/digest";
import { type AlpinizeError, isAlpinizeError } from "@alpinize/errors";
import { maskReference, escapeInline as safe } from "@alpinize/image-ref";
import type { Io } from "../../io.js";

export interface FileReport {
  file: string;
  kind: string;
  changes: PinChange[];
  /** --check: references without a digest. */
  unpinned: LocatedReference[];
  problems: PinProblem[];
  skipped: PinSkip[];
  /** Advice on lines whose image is pinned elsewhere; no effect on the exit code. */
  warnings: PinWarning[];
  pinned: number;
  written: boolean;
  /** --write: why this file could not be written (its changes were not made). */
  writeError?: AlpinizeError;
}

export function reportToJson(report: FileReport): Record<string, unknown> {
  return {
    file: report.file,
    kind: report.kind,
    changes: report.changes,
    unpinned: report.unpinned.map(({ line, where, reference, anchor }) => ({
      line,
      where,
      reference: maskReference(reference),
      ...(anchor ? { anchor } : {}),
    })),
    // The text comes from the scanned file as written: a `user:pass@` in it is never echoed.
    problems: report.problems.map(({ line, where, reference, error }) => ({
      line,
      where,
      reference: maskReference(reference),
      error: isAlpinizeError(error) ? error.toJSON() : { message: error.message },
    })),
    skipped: report.skipped.map((s) => ({ ...s, reference: maskReference(s.reference) })),
    warnings: report.warnings.map((w) => ({ ...w, reference: maskReference(w.reference) })),
    pinned: report.pinned,
    written: report.written,
    ...(report.writeError ? { error: report.writeError.toJSON() } : {}),
  };
}

/**
 * Human output; every text taken from a scanned file is escaped, newlines and tabs included, so
 * that one finding stays one line (a CI log reads a line starting `::` as a workflow command).
 */
export function printReport(report: FileReport, io: Io, mode: "write" | "check" | "plan"): void {
  const file = safe(report.file);
  const at = (line: number) => io.style.bold(`${file}:${line}`);
  for (const c of report.changes) {
    const verb = mode === "write" && !report.writeError ? "pinned" : "would pin";
    io.out(`${at(c.line)}: ${verb} ${safe(c.reference)} -> ${safe(c.pinned)}${via(c)}`);
  }
  for (const u of report.unpinned) {
    const where = `${safe(u.where)}${u.anchor ? `, ${follows(u.anchor)}` : ""}`;
    io.out(`${at(u.line)}: ${safe(maskReference(u.reference))} (${where}) is not pinned by digest`);
  }
  for (const p of report.problems) {
    io.err(`${at(p.line)}: ${io.style.red("error")} ${safe(p.error.message)}`);
    if (isAlpinizeError(p.error) && p.error.hint) io.err(`  ${safe(p.error.hint)}`);
  }
  for (const s of report.skipped)
    io.warn(
      `${file}:${s.line}: skipped ${safe(maskReference(s.reference))} (${safe(s.where)}): ${safe(s.reason)}`,
    );
  for (const w of report.warnings)
    io.warn(
      `${file}:${w.line}: ${safe(maskReference(w.reference))} (${safe(w.where)}): ${safe(w.message)}`,
    );
  if (report.writeError) {
    io.err(`${io.style.bold(file)}: ${io.style.red("error")} ${safe(report.writeError.message)}`);
    if (report.writeError.hint) io.err(`  ${safe(report.writeError.hint)}`);
  }
}

/** `follows the anchor &img on line 3`: where the text of an aliased or merged image is. */
function follows(anchor: { name: string; line: number }): string {
  return `follows the anchor &${safe(anchor.name)} on line ${anchor.line}`;
}

/** For a change made at an anchor: the key that uses it, and where the edit is. */
function via(change: PinChange): string {
  return change.anchor ? ` (${safe(change.where)} ${follows(change.anchor)})` : "";
}
