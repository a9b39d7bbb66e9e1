import { dirname, join } from "node:path";
import type { LintFinding, RewriteResult, ShimSource } from "@alpinize/entrypoint";
import type { AlpinizeError } from "@alpinize/errors";
import { scriptPlaces } from "@alpinize/repo";
import { printFinding } from "../../finding-line.js";
import type { Io } from "../../io.js";
import { errorJson } from "../../json-errors.js";
import { rawBytesJson } from "../../raw-bytes.js";
import type { OtherLinksNote } from "../../write-output.js";
import { printUnifiedDiff } from "../migrate/print-diff.js";

export interface EntrypointReport {
  /** FILE as given, standard input as `<stdin>`. */
  file: string;
  before: string;
  result: RewriteResult;
  /** Lint findings on FILE that the rewrite does not fix, at their positions in FILE. */
  findings: LintFinding[];
  source: string;
}

export function toJson(r: EntrypointReport, hardLinks: readonly OtherLinksNote[] = []): string {
  const onOutput = placedOnOutput(r);
  const error = syntaxError(r);
  const doc = {
    file: r.file,
    ...(hardLinks.length > 0 ? { hardLinks } : {}),
    changed: r.result.changed,
    source: r.source,
    edits: r.result.edits,
    warnings: r.result.warnings.map(onOutput),
    findings: r.findings.map(onOutput),
    ...(error ? { error } : {}),
  };
  return rawBytesJson(doc);
}

/**
 * The code `migrate DIR` and `check` give a script sh cannot parse: `--json` names it in `error`
 * as it names the other errors that stop the rewrite (CRLF, a BOM), so one field tells them.
 */
const SCRIPT_SYNTAX = "ALPINIZE_SCRIPT_SYNTAX";

/** The syntax error that kept FILE from being rewritten, as `--json` errors are shaped. */
export function syntaxError(r: EntrypointReport) {
  const finding = r.findings.find((f) => f.rule === "syntax");
  if (!finding || !r.result.warnings.some((w) => w.rule === "syntax")) return undefined;
  const at = `${finding.line}:${finding.column}`;
  return {
    code: SCRIPT_SYNTAX,
    message: `${r.file}:${at}: shell syntax error: ${finding.message}; nothing was rewritten`,
    hint: finding.fix,
    file: r.file,
    line: finding.line,
    column: finding.column,
  };
}

/**
 * Adds where a warning or finding (placed in FILE as given) is in the rewritten script:
 * `outputLine`, `outputColumn`, what `--write` prints and `migrate DIR --json` gives too.
 */
function placedOnOutput(r: EntrypointReport) {
  const places = scriptPlaces(r.before, r.result.output);
  return <T extends { line: number; column: number }>(w: T) => {
    const out = places.toOutput(w);
    return { ...w, outputLine: out.line, outputColumn: out.column ?? w.column };
  };
}

/**
 * The --json document when FILE could not be rewritten at all: nothing changed, and one error
 * finding so that a consumer counting error findings does not read the script as clean.
 */
export function failureJson(err: AlpinizeError, file: string | null) {
  const error = errorJson(err);
  return {
    file,
    changed: false,
    source: null,
    edits: [],
    warnings: [],
    findings: [
      {
        rule: "not-checked",
        severity: "error",
        line: 0,
        column: 0,
        message: err.message,
        fix: err.hint ?? "",
        code: err.code,
      },
    ],
    error,
  };
}

export function printDiff(io: Io, r: EntrypointReport): void {
  printUnifiedDiff(io, r.before, r.result.output, r.file);
}

/**
 * After `--write` the file on disk is the rewritten script, so the notes point into it; a diff or
 * a check leaves FILE as given on disk, and they point there.
 */
export function printNotes(io: Io, r: EntrypointReport, written = false): void {
  const name = r.file;
  const onOutput = placedOnOutput(r);
  const place = <T extends { line: number; column: number }>(w: T) => {
    if (!written) return { line: w.line, column: w.column };
    const out = onOutput(w);
    return { line: out.outputLine, column: out.outputColumn };
  };
  const at = (x: { line: number; column: number }) => `${x.line}:${x.column}`;
  // A declined usermod/groupmod gets the rewrite's reason (what it lacks) and the lint's
  // shadow-tool error at the same word, and a syntax error is both the rewrite's reason to change
  // nothing and a lint error: one line, with the lint's severity, says both. A group name the
  // rewrite leaves (`getent group docker`) is its warning and the lint's finding at one word.
  const own = (rule: string) => rule === "syntax" || rule === "group-name";
  const key = (x: { line: number; column: number; rule: string }) =>
    `${at(x)}${own(x.rule) ? ` ${x.rule}` : ""}`;
  const pairs = new Map(
    r.findings.filter((f) => f.rule === "shadow-tool" || own(f.rule)).map((f) => [key(f), f]),
  );
  const merged = new Set<LintFinding>();
  for (const w of r.result.warnings) {
    const finding = pairs.get(key(w));
    if (finding) merged.add(finding);
    const severity = finding?.severity ?? "warning";
    printFinding(io, { severity, file: name, ...place(w), rule: w.rule, message: w.message });
  }
  for (const f of r.findings) {
    if (!merged.has(f)) printFinding(io, { ...f, file: name, ...place(f) });
  }
}

export function summary(r: EntrypointReport, mode: "diff" | "write" | "check"): string {
  const name = r.file;
  const n = r.result.edits.length;
  const left = r.findings.length > 0 ? `, ${r.findings.length} finding(s) left to fix by hand` : "";
  if (r.result.warnings.some((w) => w.rule === "syntax"))
    return `${name}: not rewritten, as sh cannot parse it${left}`;
  if (!r.result.changed) return `${name}: nothing to rewrite${left}`;
  const verb = mode === "write" ? "rewrote" : mode === "check" ? "needs" : "would make";
  return `${name}: ${verb} ${n} edit(s)${left}`;
}

/**
 * The script now sources the library from a path in the image: without a COPY that puts it there
 * the container fails to start, so say how to provide it.
 */
export function remindShims(
  io: Io,
  file: string,
  edits: RewriteResult["edits"],
  source: ShimSource,
): void {
  if (source === "inline" || !edits.some((e) => e.rule === "source-shims")) return;
  const output = join(dirname(file), "alpinize-shims.sh");
  io.warn(
    `${file} now sources ${source.path}, which the image must contain: run "alpinize shims print --output ${output}" and add "COPY alpinize-shims.sh ${source.path}" to the Dockerfile (or rewrite with --inline)`,
  );
}
