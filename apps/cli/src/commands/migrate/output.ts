import { escapeInline } from "@alpinize/image-ref";
import type { Io } from "../../io.js";
import { rawBytesJson } from "../../raw-bytes.js";
import type { FileMigration } from "./file.js";
import { printUnifiedDiff } from "./print-diff.js";

/** The `--json` document: one entry per file, in argument order. */
/** A file that could not be migrated, as --json reports it next to the ones that could. */
export interface FileFailure {
  file: string;
  code: string;
  message: string;
}

export function toJson(
  release: string,
  files: FileMigration[],
  failures: readonly FileFailure[] = [],
): string {
  const doc = {
    release,
    ...(failures.length > 0 ? { errors: failures } : {}),
    files: files.map(({ file, result }) => ({
      file,
      changed: result.changed,
      images: result.images,
      edits: result.edits,
      warnings: result.warnings,
      packages: result.packages.map((p) => ({
        line: p.line,
        tool: p.tool,
        debian: p.debian,
        alpine: p.alpine,
        written: p.written,
        kind: p.kind,
        layer: p.layer,
        reason: p.reason,
        ...(p.candidates ? { candidates: p.candidates } : {}),
        ...(p.versionChange ? { versionChange: p.versionChange } : {}),
      })),
    })),
  };
  return rawBytesJson(doc);
}

/**
 * After `--write` the file on disk is the output, so warnings point into it; a diff or a check
 * leaves the input on disk, and the warnings point there.
 */
export function printWarnings(
  io: Io,
  m: FileMigration,
  mode: "diff" | "write" | "check" = "diff",
): void {
  const name = m.file === "-" ? "stdin" : escapeInline(m.file);
  const written = mode === "write" && m.result.changed;
  for (const w of m.result.warnings) {
    const at = written ? `${w.outputLine}:${w.outputColumn}` : `${w.line}:${w.column}`;
    io.warn(`${name}:${at} [${w.rule}] ${escapeInline(w.message)}`);
  }
}

export function printDiff(io: Io, m: FileMigration): void {
  printUnifiedDiff(io, m.before, m.result.output, m.file);
}

export function summary(m: FileMigration, mode: "diff" | "write" | "check"): string {
  const name = m.file === "-" ? "stdin" : escapeInline(m.file);
  const r = m.result;
  const counts = `${r.edits.length} edit${r.edits.length === 1 ? "" : "s"}, ${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"}`;
  if (!r.changed) {
    // Also said of files with no Debian stage, so it does not claim they were migrated.
    const warned = r.warnings.length > 0 ? ` (${counts.split(", ")[1]} above)` : "";
    return `${name}: nothing to change for Alpine ${r.release}${warned}`;
  }
  if (mode === "write") return `${name}: rewritten for Alpine ${r.release} (${counts})`;
  if (mode === "check") return `${name}: needs migration for Alpine ${r.release} (${counts})`;
  return `${name}: ${counts} for Alpine ${r.release}`;
}
