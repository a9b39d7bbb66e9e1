import { escapeInline } from "@alpinize/image-ref";
import type { PinFailure, RepoPlan } from "@alpinize/repo";
import type { Io } from "../../io.js";
import { rawBytesJson } from "../../raw-bytes.js";

/** The `--json` document of a repository migration. */
export function repoJson(plan: RepoPlan, pinFailures: PinFailure[], written: string[]): string {
  const doc = {
    root: plan.root,
    release: plan.release,
    files: plan.files.map((f) => ({
      file: f.file,
      kind: f.kind,
      ...(f.role ? { role: f.role } : {}),
      ...(f.copiedBy ? { copiedBy: f.copiedBy } : {}),
      changed: f.changed,
      written: written.includes(f.file),
      warnings: f.warnings,
      ...(f.result ? { images: f.result.images, packages: f.result.packages } : {}),
      ...(f.keptImages ? { keptImages: f.keptImages } : {}),
    })),
    unparsable: plan.unparsable,
    skipped: plan.skipped,
    mentions: plan.mentions,
    risks: plan.risks,
    pins: plan.pins,
    pinFailures,
    ignored: plan.ignored,
  };
  return rawBytesJson(doc);
}

/** Warnings as `file:line: [rule] message` on stderr, the way the single-file mode prints them. */
export function printRepoWarnings(io: Io, plan: RepoPlan): void {
  for (const file of plan.files) {
    for (const w of file.warnings) {
      const at = w.column === undefined ? `${w.line}:` : `${w.line}:${w.column}`;
      io.warn(`${escapeInline(file.file)}:${at} [${w.rule}] ${escapeInline(w.message)}`);
    }
  }
  for (const s of plan.skipped) io.warn(escapeInline(s.message));
  for (const m of plan.mentions) {
    io.warn(
      `${escapeInline(m.file)}:${m.line}: [base-image] ${escapeInline(m.image)} is replaced by ${escapeInline(m.replacement)} in the Dockerfiles; update it here too`,
    );
  }
}

export function printProblems(io: Io, plan: RepoPlan, pinFailures: PinFailure[]): void {
  for (const u of plan.unparsable) {
    const suffix = u.message.endsWith("left unchanged") ? "" : " (left untouched)";
    io.err(`${io.style.red("error")} ${escapeInline(u.message)}${suffix}`);
  }
  for (const p of pinFailures)
    io.err(
      `${io.style.red("error")} ${escapeInline(p.file)}:${p.line}: cannot pin ${escapeInline(p.reference)}: ${escapeInline(p.message)}`,
    );
}

export function repoSummary(
  plan: RepoPlan,
  mode: "diff" | "write" | "check",
  written: string[],
): string {
  const changed = plan.files.filter((f) => f.changed).length;
  const counts = `${plan.files.length} file(s) examined, ${changed} ${mode === "write" ? `changed (${written.length} written)` : "need changes"}`;
  const untouched =
    plan.unparsable.length > 0
      ? `, ${plan.unparsable.length} could not be read, parsed or written and were left untouched`
      : "";
  return `alpinize migrate: ${counts}${untouched}; Alpine ${plan.release}`;
}
