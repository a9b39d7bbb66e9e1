import { escapeInline } from "@alpinize/image-ref";
import { messageOnRewrite } from "@alpinize/repo";
import { printFinding } from "../../finding-line.js";
import type { Io } from "../../io.js";
import { rawBytesJson } from "../../raw-bytes.js";
import type { OtherLinksNote } from "../../write-output.js";
import type { FileMigration } from "./file.js";
import { fileLabel } from "./file-label.js";
import { printUnifiedDiff } from "./print-diff.js";
import { unknownStopping } from "./unknown-left.js";

/** A file that could not be migrated, as --json reports it next to the ones that could. */
export interface FileFailure {
  file: string;
  code: string;
  message: string;
}

/** The `--json` document: one entry per file, in argument order. */
export function toJson(
  release: string,
  files: FileMigration[],
  failures: readonly FileFailure[] = [],
  hardLinks: readonly OtherLinksNote[] = [],
): string {
  const doc = {
    release,
    ...(failures.length > 0 ? { errors: failures } : {}),
    ...(hardLinks.length > 0 ? { hardLinks } : {}),
    files: files.map(({ file, before, result }) => ({
      file: fileLabel(file),
      changed: result.changed,
      images: result.images,
      edits: result.edits,
      warnings: withOutputMessages(before, result),
      debianToolsLeft: result.debianToolsLeft,
      unknownPackages: result.unknownPackages,
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

/** Each warning with `outputMessage`, its words naming lines of the result, where they differ (as migrate DIR gives). */
function withOutputMessages(before: string, result: FileMigration["result"]) {
  const onOutput = messageOnRewrite(before, result.output);
  return result.warnings.map((w) => {
    const outputMessage = onOutput(w.message);
    return outputMessage === w.message ? w : { ...w, outputMessage };
  });
}

/**
 * After `--write` the file on disk is the output, so warnings point into it, and the lines their
 * words name (`usermod -l on line 5`) are its lines too, as `migrate DIR --write` prints them; a
 * diff or a check leaves the input on disk, and the warnings point there.
 */
export function printWarnings(
  io: Io,
  m: FileMigration,
  mode: "diff" | "write" | "check" = "diff",
): void {
  const file = fileLabel(m.file);
  const written = mode === "write" && m.result.changed;
  const words = written ? messageOnRewrite(m.before, m.result.output) : (text: string) => text;
  for (const w of m.result.warnings) {
    const [line, column] = written ? [w.outputLine, w.outputColumn] : [w.line, w.column];
    const message = words(w.message);
    printFinding(io, { severity: "warning", file, line, column, rule: w.rule, message });
  }
}

export function printDiff(io: Io, m: FileMigration): void {
  printUnifiedDiff(io, m.before, m.result.output, fileLabel(m.file));
}

export function summary(
  m: FileMigration,
  mode: "diff" | "write" | "check",
  /** The release is the default, not one --alpine chose. */
  defaulted = false,
): string {
  const name = escapeInline(fileLabel(m.file));
  const r = m.result;
  const edits = `${r.edits.length} edit${r.edits.length === 1 ? "" : "s"}`;
  // What migrate only warned about is not counted by --check: say it is left for a person.
  const left =
    r.warnings.length === 0
      ? ""
      : `; ${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"} above left for manual work (alpinize check lints what is left)`;
  if (!r.changed) {
    // Also said of files with no Debian stage, so it does not claim they were migrated. A file
    // already on Alpine 3.23, checked against the default 3.24, must not read as "targets 3.24".
    const against = defaulted
      ? `(checked against Alpine ${r.release}, the default; pass --alpine to choose)`
      : `for Alpine ${r.release}`;
    if (r.debianToolsLeft.length > 0) {
      return `${name}: nothing migrate can change ${against}, but an Alpine stage still runs a Debian tool migrate cannot convert (${toolsLeft(r, false)}), which fails to build there: fix it by hand (see the warnings)${unknownLeft(r, false)}${left}`;
    }
    if (unknownStopping(r.unknownPackages).length > 0) {
      return `${name}: nothing migrate can change ${against}, but an Alpine stage installs a name its release does not have (${packagesLeft(r, false)}), so apk add fails there: pick the Alpine name or add the repository that has it (see the warnings)${left}`;
    }
    return `${name}: nothing to change ${against}${left}`;
  }
  // A Debian tool the result still runs on Alpine fails its build, and the next --check.
  const tools =
    (r.debianToolsLeft.length === 0
      ? ""
      : `; an Alpine stage still runs a Debian tool migrate cannot convert (${toolsLeft(r, mode === "write")}): fix it by hand (--check fails until then)`) +
    unknownLeft(r, mode === "write");
  if (mode === "write")
    return `${name}: rewritten for Alpine ${r.release} (${edits})${tools}${left}`;
  if (mode === "check")
    return `${name}: needs migration for Alpine ${r.release} (${edits})${tools}${left}`;
  if (left === "" && tools === "") return `${name}: ${edits}, 0 warnings for Alpine ${r.release}`;
  return `${name}: ${edits} for Alpine ${r.release}${tools}${left}`;
}

/** Tools a summary names before it says how many more there are. */
const MAX_TOOLS_NAMED = 3;

/** The clause for names an `apk add` keeps that the release lacks, empty when there are none. */
function unknownLeft(r: FileMigration["result"], written: boolean): string {
  if (unknownStopping(r.unknownPackages).length === 0) return "";
  return `; an Alpine stage installs a name its release does not have (${packagesLeft(r, written)}), so apk add fails there: pick the Alpine name or add the repository that has it (--check fails until then)`;
}

/** `libfoo, msodbcsql18 and 2 more at line 2 and 5`: in the result after --write. */
function packagesLeft(r: FileMigration["result"], written: boolean): string {
  const stopping = unknownStopping(r.unknownPackages);
  const lines = stopping.map((p) => String(written ? p.outputLine : p.line));
  const at = new Set(lines).size === 1 ? "line" : "lines";
  return `${namedList(stopping.map((p) => p.name))} at ${at} ${namedList(lines)}`;
}

/**
 * `apt-get at line 2, dpkg-divert at line 5 and 2 more`: in the result after --write. A tool run
 * twice on one line (`dpkg --add-architecture a && dpkg --add-architecture b`) is named once.
 */
function toolsLeft(r: FileMigration["result"], written: boolean): string {
  return namedList(
    r.debianToolsLeft.map((t) => `${t.tool} at line ${written ? t.outputLine : t.line}`),
  );
}

/** The first MAX_TOOLS_NAMED of a list, distinct, and how many more. */
function namedList(items: readonly string[]): string {
  const distinct = [...new Set(items)];
  const named = distinct.slice(0, MAX_TOOLS_NAMED);
  const more = distinct.length - named.length;
  if (more > 0) return `${named.join(", ")} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named.at(-1)}` : named[0]!;
}
