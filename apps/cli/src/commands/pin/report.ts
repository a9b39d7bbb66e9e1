import type { LocatedReference, PinChange, PinProblem, PinSkip } from "@alpinize/digest";
import { isAlpinizeError } from "@alpinize/errors";
import type { Io } from "../../io.js";

export interface FileReport {
  file: string;
  kind: string;
  changes: PinChange[];
  /** --check: references without a digest. */
  unpinned: LocatedReference[];
  problems: PinProblem[];
  skipped: PinSkip[];
  pinned: number;
  written: boolean;
}

export function reportToJson(report: FileReport): Record<string, unknown> {
  return {
    file: report.file,
    kind: report.kind,
    changes: report.changes,
    unpinned: report.unpinned.map(({ line, where, reference }) => ({ line, where, reference })),
    problems: report.problems.map(({ line, where, reference, error }) => ({
      line,
      where,
      reference,
      error: isAlpinizeError(error) ? error.toJSON() : { message: error.message },
    })),
    skipped: report.skipped,
    pinned: report.pinned,
    written: report.written,
  };
}

export function printReport(report: FileReport, io: Io, mode: "write" | "check" | "plan"): void {
  const at = (line: number) => io.style.bold(`${report.file}:${line}`);
  for (const c of report.changes) {
    const verb = mode === "write" ? "pinned" : "would pin";
    io.out(`${at(c.line)}: ${verb} ${c.reference} -> ${c.pinned}`);
  }
  for (const u of report.unpinned) {
    io.out(`${at(u.line)}: ${u.reference} (${u.where}) is not pinned by digest`);
  }
  for (const p of report.problems) {
    io.err(`${at(p.line)}: ${io.style.red("error")} ${p.error.message}`);
    if (isAlpinizeError(p.error) && p.error.hint) io.err(`  ${p.error.hint}`);
  }
  for (const s of report.skipped)
    io.warn(`${report.file}:${s.line}: skipped ${s.reference}: ${s.reason}`);
}
