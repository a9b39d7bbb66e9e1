import { escapeInline } from "@alpinize/image-ref";
import {
  CHANGED,
  limitRefusals,
  NOT_REGULAR,
  type PinFailure,
  type PlanTally,
  type RepoPlan,
  refusedByLimits,
  type SkippedFile,
  tallyPlan,
} from "@alpinize/repo";
import type { Io } from "../../io.js";
import { rawBytesJson } from "../../raw-bytes.js";
import { type OtherLinksNote, writeFailureHint } from "../../write-output.js";
import { withShownPath } from "./shown-path.js";
import { unknownStopping } from "./unknown-left.js";

/** A repository path (relative to the plan's root) as the user is shown it. */
export type ShowPath = (file: string) => string;

/** A failure to write the report after files were written: the report alone is missing. */
export interface ReportFailure {
  file: string;
  code: string;
  message: string;
  hint?: string;
}

/**
 * The `--json` document of a repository migration. `file` stays relative to `root` (as the plan
 * and the report name it); `path` is the same file as messages name it, from the current
 * directory. `errors` is there only when the report could not be written.
 */
export function repoJson(
  plan: RepoPlan,
  pinFailures: PinFailure[],
  written: string[],
  show: ShowPath,
  reportFailure?: ReportFailure,
  hardLinks: readonly OtherLinksNote[] = [],
): string {
  const withPath = <T extends { file: string }>(entry: T) => ({
    ...entry,
    path: show(entry.file),
  });
  const doc = {
    root: plan.root,
    release: plan.release,
    ...(reportFailure ? { errors: [reportFailure] } : {}),
    ...(hardLinks.length > 0 ? { hardLinks } : {}),
    files: plan.files.map((f) => ({
      file: f.file,
      path: show(f.file),
      kind: f.kind,
      ...(f.role ? { role: f.role } : {}),
      ...(f.copiedBy ? { copiedBy: f.copiedBy } : {}),
      changed: f.changed,
      written: written.includes(f.file),
      warnings: f.warnings,
      ...(f.result ? { images: f.result.images, packages: f.result.packages } : {}),
      ...(f.keptImages ? { keptImages: f.keptImages } : {}),
    })),
    unparsable: plan.unparsable.map(withPath),
    // The counts the summary line prints, so a file a limit refused is told apart, by limit.
    counts: tallyPlan(plan),
    skipped: plan.skipped.map(withPath),
    mentions: plan.mentions.map(withPath),
    risks: plan.risks,
    pins: plan.pins,
    pinFailures: pinFailures.map(withPath),
    ignored: plan.ignored,
  };
  return rawBytesJson(doc);
}

/**
 * Dockerfiles behind a symbolic link, entrypoint and CMD scripts behind one, and FIFOs, sockets
 * or devices named like a Dockerfile or copied as a script: not migrated, so (as for `check`)
 * the run exits 2.
 */
export function skippedDockerfiles(plan: RepoPlan): SkippedFile[] {
  return plan.skipped.filter(notMigrated);
}

function notMigrated(s: SkippedFile): boolean {
  return s.link !== undefined || s.code === NOT_REGULAR || s.unrewritten === true;
}

/**
 * Warnings as `file:line: [rule] message` on stderr, the way the single-file mode prints them:
 * in a file `--write` rewrote, a warning the rewrite placed points into the file now on disk.
 */
export function printRepoWarnings(
  io: Io,
  plan: RepoPlan,
  show: ShowPath,
  written: readonly string[] = [],
): void {
  for (const file of plan.files) {
    const onDisk = written.includes(file.file);
    for (const w of file.warnings) {
      const [line, column] = onDisk ? outputPosition(w) : [w.line, w.column];
      const at = column === undefined ? `${line}:` : `${line}:${column}`;
      // In a rewritten file, the lines the words name are those of the file now on disk too.
      const message = (onDisk && w.outputMessage) || w.message;
      io.warn(`${escapeInline(show(file.file))}:${at} [${w.rule}] ${escapeInline(message)}`);
    }
  }
  for (const s of plan.skipped) if (!notMigrated(s)) io.warn(escapeInline(shownMessage(s, show)));
  for (const m of plan.mentions) {
    io.warn(
      `${escapeInline(show(m.file))}:${m.line}: [base-image] ${escapeInline(m.image)} is replaced by ${escapeInline(m.replacement)} in the Dockerfiles; update it here too`,
    );
  }
}

/** Where a migrate warning lands in the rewritten file (its input place for one it lacks). */
function outputPosition(w: { line: number; column?: number }): [number, number | undefined] {
  const out = w as { outputLine?: unknown; outputColumn?: unknown };
  if (typeof out.outputLine !== "number") return [w.line, w.column];
  return [out.outputLine, typeof out.outputColumn === "number" ? out.outputColumn : w.column];
}

export function printProblems(
  io: Io,
  plan: RepoPlan,
  pinFailures: PinFailure[],
  show: ShowPath,
): void {
  for (const u of plan.unparsable) {
    const suffix = /left (?:unchanged|as it is now)$/.test(u.message) ? "" : " (left untouched)";
    io.err(`${io.style.red("error")} ${escapeInline(shownMessage(u, show))}${suffix}`);
    // A file that could not be read or parsed gets its error's hint, as check prints it.
    const hint = writeHint(u) || u.hint;
    if (hint) io.err(`  ${escapeInline(hint)}`);
  }
  for (const s of skippedDockerfiles(plan)) {
    io.err(`${io.style.red("error")} ${escapeInline(shownMessage(s, show))} (not migrated)`);
    // What to do about it, as check prints it under the same entry.
    if (s.hint) io.err(`  ${escapeInline(s.hint)}`);
  }
  for (const p of pinFailures)
    io.err(
      `${io.style.red("error")} ${escapeInline(show(p.file))}:${p.line}: cannot pin ${escapeInline(p.reference)}: ${escapeInline(p.message)}`,
    );
}

/**
 * For a file --write could not write, what to do about its errno code (a full disk, a
 * permission) or about an edit made during the run; nothing for a file that could not be read
 * or parsed, or a code without a hint: then the entry's own hint is printed (another user's file,
 * ALPINIZE_WRITE_NOT_OWNER, and a read-only one come with one saying who can write it).
 */
function writeHint(u: { message: string; code?: string }): string {
  if (u.code === CHANGED)
    return "Someone edited or removed it during the run: run alpinize migrate --write again on the files as they are now.";
  if (!u.message.includes(": cannot write (")) return "";
  return writeFailureHint({ code: u.code }, { otherwise: "" });
}

function shownMessage(entry: { file: string; message: string }, show: ShowPath): string {
  return withShownPath(entry.message, entry.file, show(entry.file));
}

export function repoSummary(
  plan: RepoPlan,
  mode: "diff" | "write" | "check",
  written: string[],
): string {
  const tally = tallyPlan(plan);
  const counts = countsOf(tally, mode, written.length);
  const left = plan.files.filter((f) => (f.result?.debianToolsLeft?.length ?? 0) > 0).length;
  const toolsLeft =
    left > 0
      ? `, ${left} with an Alpine stage still running a Debian tool migrate cannot convert (fix by hand: see the warnings)`
      : "";
  const unknown = plan.files.filter(
    (f) => unknownStopping(f.result?.unknownPackages).length > 0,
  ).length;
  const packagesLeft =
    unknown > 0
      ? `, ${unknown} with an apk add of a name its Alpine release does not have (pick the Alpine name or add the repository: see the warnings)`
      : "";
  const links = plan.skipped.filter((s) => s.link !== undefined).length;
  const linked = links > 0 ? `, ${links} Dockerfile link(s) not followed and not migrated` : "";
  const scripts = plan.skipped.filter((s) => s.unrewritten).length;
  const scriptLinks =
    scripts > 0
      ? `, ${scripts} entrypoint or CMD script link(s) not followed and not migrated`
      : "";
  const special = plan.skipped.filter((s) => s.code === NOT_REGULAR).length;
  const specials =
    special > 0 ? `, ${special} FIFO(s), socket(s) or device(s) not opened and not migrated` : "";
  // As migrate FILE says it: a release nobody chose must not read as one the repository targets.
  const release = plan.defaultRelease
    ? `Alpine ${plan.release} (the default; pass --alpine to choose)`
    : `Alpine ${plan.release}`;
  return `alpinize migrate: ${counts}${toolsLeft}${packagesLeft}${linked}${scriptLinks}${specials}${untouched(tally, mode, written.length)}; ${release}${manualWork(plan)}`;
}

/**
 * `2 file(s) examined, 1 need changes (0 written, 1 could not be written), 1 could not be read
 * or parsed`: each file counted once, so the parts add up (a file --write could not write is
 * one of those that need changes, not also one that could not be read).
 */
function countsOf(t: PlanTally, mode: "diff" | "write" | "check", written: number): string {
  const changes =
    mode !== "write"
      ? `${t.toChange} need changes`
      : t.notWritten === 0
        ? `${t.toChange} changed (${written} written)`
        : `${t.toChange} need changes (${written} written, ${t.notWritten} could not be written)`;
  const unreadable = t.unreadable > 0 ? `, ${t.unreadable} could not be read or parsed` : "";
  const overLimit = limitRefusals(t);
  return `${t.examined} file(s) examined, ${changes}${unreadable}${overLimit}`;
}

/** `; 2 left untouched, nothing was written`: what the failures above add up to. */
function untouched(t: PlanTally, mode: "diff" | "write" | "check", written: number): string {
  const left = t.unreadable + refusedByLimits(t) + t.notWritten;
  const none = mode === "write" && written === 0 && t.toChange > 0 ? ", nothing was written" : "";
  return left > 0 ? `; ${left} left untouched${none}` : "";
}

/**
 * Migrate only warns about what it cannot rewrite (an exec-form RUN apt-get, ONBUILD RUN…), and
 * `--check` does not count it: the summary says how much is left for a person to do.
 */
function manualWork(plan: RepoPlan): string {
  const warnings =
    plan.files.reduce((n, f) => n + f.warnings.length, 0) +
    plan.skipped.filter((s) => !notMigrated(s)).length +
    plan.mentions.length;
  if (warnings === 0) return "";
  return `; ${warnings} warning(s) above left for manual work (alpinize check lints what is left)`;
}
