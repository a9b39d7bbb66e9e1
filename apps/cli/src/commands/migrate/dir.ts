import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Resolver, resolveMany } from "@alpinize/digest";
import { EXIT, InputError, isAlpinizeError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import {
  applyPlan,
  CONFIG_FILE,
  defaultTransforms,
  encodeText,
  type GosuMode,
  INTERNAL_FAILURE,
  loadConfig,
  type PinFailure,
  pinPlan,
  planRepository,
  type RepoPlan,
  renderReport,
} from "@alpinize/repo";
import type { Io } from "../../io.js";
import {
  otherHardLinks,
  otherLinksNote,
  resolveOutputPath,
  symlinkTarget,
} from "../../write-output.js";
import { reportWarnings, resolverFromFlags } from "../resolve/resolver-flags.js";
import { unifiedDiff } from "./diff.js";
import { MASKED_DIFF, maskDiffSecrets } from "./diff-secrets.js";
import {
  printProblems,
  printRepoWarnings,
  type ReportFailure,
  repoJson,
  repoSummary,
  type ShowPath,
  skippedDockerfiles,
} from "./repo-output.js";
import { assertReportPath, reportMissing, writeReport } from "./repo-report.js";
import { shownPath } from "./shown-path.js";
import { unknownStopping } from "./unknown-left.js";

export interface RepositoryFlags {
  write?: boolean;
  check?: boolean;
  json?: boolean;
  /** Markdown report path, relative to the working directory. */
  report?: string;
  pin?: boolean;
  alpine?: string;
  config?: string;
  /** Overrides the config's `migrate.gosu`. */
  gosu?: GosuMode;
  /** With --pin, as for `alpinize pin`. */
  "registry-mirror"?: string;
  "insecure-registry"?: string[];
}

/**
 * `alpinize migrate DIR`: every Dockerfile under DIR (honouring .gitignore), the scripts they run,
 * and the compose files and workflows naming the same base images.
 *
 * Exit codes: 2 when any file could not be read, parsed or written (also one edited or removed
 * during the run: --write leaves it as it is now), a Dockerfile (or a script an image runs as
 * ENTRYPOINT or CMD) is a symbolic
 * link (not followed, so not migrated), or the report could not be written after files were
 * (every other file is still handled, and written with --write: one broken file does not block
 * the rest, but the run never passes silently); else 1 when --pin could not resolve a rewritten image, or --check finds changes;
 * else 0.
 */
export async function runRepositoryMigration(
  dir: string,
  flags: RepositoryFlags,
  io: Io,
): Promise<number> {
  // Built first, so a bad --registry-mirror or --insecure-registry is exit 2 before any work.
  const resolver = flags.pin
    ? resolverFromFlags(
        "migrate",
        {
          ...(flags["registry-mirror"] !== undefined
            ? { "registry-mirror": flags["registry-mirror"] }
            : {}),
          ...(flags["insecure-registry"]
            ? { "insecure-registry": flags["insecure-registry"] }
            : {}),
        },
        io,
      )
    : undefined;
  try {
    return await migrateRepository(dir, flags, io, resolver);
  } finally {
    resolver?.close();
  }
}

async function migrateRepository(
  dir: string,
  flags: RepositoryFlags,
  io: Io,
  resolver: Resolver | undefined,
): Promise<number> {
  const root = resolve(io.cwd, dir);
  const configFile = flags.config !== undefined ? resolve(io.cwd, flags.config) : undefined;
  const config = await loadConfig(root, {
    cwd: io.cwd,
    onWarning: (message) => io.warn(escapeInline(message)),
    ...(configFile !== undefined ? { file: configFile } : {}),
  });
  const plan = await planRepository(root, {
    config,
    transforms: defaultTransforms(),
    ...(flags.alpine !== undefined ? { release: flags.alpine } : {}),
    ...(flags.gosu !== undefined ? { gosu: flags.gosu } : {}),
    onProgress: (file, index, total, kind) =>
      io.progress(
        `migrating ${kind === "script" ? "script" : "Dockerfile"} ${index + 1}/${total} ${escapeInline(shownPath(root, file, io.cwd))}`,
      ),
  });
  if (plan.files.length === 0 && plan.unparsable.length === 0 && plan.skipped.length === 0)
    throw nothingToMigrate(dir);
  const reportPath =
    flags.report !== undefined ? resolveOutputPath(io.cwd, flags.report) : undefined;
  // Checked before anything is written: a bad --report path fails with every file untouched.
  if (reportPath !== undefined)
    assertReportPath(reportPath, plan, configFiles(root, configFile), io.cwd);
  let pinFailures: PinFailure[] = [];
  if (resolver) {
    io.progress("pinning rewritten base images");
    pinFailures = await pinPlan(plan, (refs) => resolveMany(resolver, refs));
    reportWarnings(resolver, io);
  }
  const mode = flags.write ? "write" : flags.check ? "check" : "diff";
  const show = (file: string) => shownPath(root, file, io.cwd);
  // As migrate FILE --write: a file that had other hard links is named once the writes are done.
  const linked: [string, number][] = [];
  const written = flags.write
    ? await applyPlan(
        plan,
        (file) => io.progress(`writing ${escapeInline(show(file))}`),
        (file, others) => linked.push([file, others]),
      )
    : [];
  // Rendered after the writes, so a file that could not be written is listed as left untouched.
  const name = root.split(/[\\/]/).pop() ?? dir;
  // Counted before the rename that leaves the report's other names with the old report.
  const reportLinks = reportPath === undefined ? 0 : otherHardLinks(reportPath);
  const reportFailure =
    reportPath === undefined
      ? undefined
      : tryWriteReport(
          reportPath,
          () => renderReport(plan, { name, written: flags.write === true }),
          written.map(show),
        );
  io.endProgress();
  const hardLinks = linked.map(([file, others]) => otherLinksNote(show(file), others));
  if (reportLinks > 0 && reportPath !== undefined && !reportFailure)
    hardLinks.push(
      otherLinksNote(flags.report!, reportLinks, symlinkTarget(reportPath), "--report"),
    );
  for (const note of hardLinks) io.warn(note.message);
  if (flags.json)
    io.stdout.write(repoJson(plan, pinFailures, written, show, reportFailure, hardLinks));
  else printHuman(io, plan, mode, written, show);
  printProblems(io, plan, pinFailures, show);
  if (reportFailure) {
    io.err(`${io.style.red("error")} ${escapeInline(reportFailure.message)}`);
    if (reportFailure.hint) io.err(`  ${reportFailure.hint}`);
  }
  // The other files were still converted (and written): only the failed one is left.
  if (plan.unparsable.some((u) => u.code === INTERNAL_FAILURE)) return EXIT.INTERNAL;
  if (plan.unparsable.length > 0 || reportFailure) return EXIT.BAD_INPUT;
  // As `check` does: the Dockerfile behind a link (or a FIFO named like one) was not migrated,
  // and must not pass silently.
  if (skippedDockerfiles(plan).length > 0) return EXIT.BAD_INPUT;
  if (pinFailures.length > 0) return EXIT.FINDINGS;
  // As for FILE: a Debian tool left on an Alpine stage cannot build, changed or not, nor an
  // apk add of a name the release lacks.
  const unfinished = (f: (typeof plan.files)[number]) =>
    f.changed ||
    (f.result?.debianToolsLeft?.length ?? 0) > 0 ||
    unknownStopping(f.result?.unknownPackages).length > 0;
  if (mode === "check" && plan.files.some(unfinished)) return EXIT.FINDINGS;
  return EXIT.OK;
}

/** The settings files the run may have read: a report written over one would replace them. */
function configFiles(root: string, given: string | undefined): string[] {
  const candidates = [given, join(root, CONFIG_FILE), join(root, "package.json")];
  return candidates.filter((f): f is string => f !== undefined && existsSync(f));
}

/**
 * Writes the report. Its path was tried before any file was written; if writing it still fails,
 * and files were written, the run goes on to say what was written: only the report is missing.
 */
function tryWriteReport(
  reportPath: string,
  render: () => string,
  written: string[],
): ReportFailure | undefined {
  try {
    writeReport(reportPath, render());
    return undefined;
  } catch (err) {
    if (written.length === 0 || !isAlpinizeError(err)) throw err;
    return reportMissing(reportPath, err, written);
  }
}

/** As with `alpinize check`, a run that found nothing to migrate must not look like success. */
function nothingToMigrate(dir: string): InputError {
  return new InputError(
    "ALPINIZE_MIGRATE_NOTHING",
    `alpinize migrate: no Dockerfile or Containerfile found in ${escapeInline(dir)}; nothing was migrated`,
    {
      hint: "Point it at the repository root, or pass the Dockerfiles (Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile); files matched by .gitignore are skipped.",
      details: { file: dir },
    },
  );
}

function printHuman(
  io: Io,
  plan: RepoPlan,
  mode: "diff" | "write" | "check",
  written: string[],
  show: ShowPath,
): void {
  printRepoWarnings(io, plan, show, written);
  for (const file of plan.files) {
    if (!file.changed) continue;
    // The file's own bytes, as migrate FILE prints them (print-diff.ts); `git apply` from here.
    if (mode === "diff") {
      const { text, masked } = maskDiffSecrets(
        unifiedDiff(file.before, file.after, show(file.file)),
      );
      if (masked) io.warn(`${escapeInline(show(file.file))}: ${MASKED_DIFF}`);
      io.stdout.write(encodeText(text));
    }
    // The diff quotes its own header paths as git does; these lines name the file raw otherwise.
    else if (mode === "check") io.out(`${escapeInline(show(file.file))}: would change`);
    else if (written.includes(file.file)) io.err(`wrote ${escapeInline(show(file.file))}`);
  }
  io.err(repoSummary(plan, mode, written));
}
