import { linkFailure, readBounded } from "@alpinize/bounded-read";
import { fsReason, InputError } from "@alpinize/errors";
import { checkSize, DEFAULT_MAX_BYTES, parseTrivyReport } from "./parse/report.js";
import { releaseBuffer } from "./release.js";
import { formatBytes } from "./size.js";
import { specialKind } from "./special-kind.js";
import type { Report } from "./types.js";

/**
 * Reads and parses a report file, refusing a regular file over `maxBytes` before reading it,
 * and a pipe or device (`<(…)`, /dev/zero) once more than `maxBytes` have come from it.
 */
export async function readReportFile(
  path: string,
  options: { maxBytes?: number; source?: string } = {},
): Promise<Report> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const source = options.source ?? path;
  let buf: Buffer;
  try {
    // A pipe or device (`<(…)`) the user named is read, up to the limit; never more than it + 1.
    const got = await readBounded(path, maxBytes, { special: "read" });
    if (got.status === "directory")
      throw new InputError(
        "ALPINIZE_GATE_REPORT_UNREADABLE",
        `${source}: is a directory: give the report file`,
        {
          hint: "Pass the JSON file Trivy wrote (trivy image --format json --output report.json REF).",
          details: { file: source },
        },
      );
    if (got.status === "too-large") {
      // Refused by its size before any read: worded with that size.
      if (got.read === 0) checkSize(got.info.size, source, maxBytes);
      throw tooMuch(source, maxBytes, specialKind(got.info));
    }
    buf = got.bytes;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw unreadable(path, source, err);
  }
  try {
    return parseTrivyReport(buf, { source, maxBytes });
  } finally {
    // The report holds copies of what it needs; the bytes would otherwise wait for a full GC.
    releaseBuffer(buf);
  }
}

/**
 * Open or read failed: worded as the CLI's other commands word it. A missing file is "no such
 * file", a dangling link names its target, a link loop and anything else (EACCES) are "cannot
 * read the report (…)".
 */
function unreadable(path: string, source: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  const link = linkFailure(path, err);
  const missing = code === "ENOENT";
  const reason = link?.reason ?? fsReason(err);
  return new InputError(
    "ALPINIZE_GATE_REPORT_UNREADABLE",
    missing ? `${source}: ${reason}` : `${source}: cannot read the report (${reason})`,
    {
      hint:
        link?.hint ??
        (code === "ENOENT"
          ? "Check the path; run Trivy with --output to write the report first."
          : "Check the file's permissions."),
      details:
        link?.target === undefined ? { file: source } : { file: source, target: link.target },
      cause: err,
    },
  );
}

/** More than the limit came from a source whose size was not known (or that grew while read). */
function tooMuch(source: string, maxBytes: number, kind: string | undefined): InputError {
  const limit = formatBytes(maxBytes);
  return new InputError(
    "ALPINIZE_GATE_REPORT_TOO_LARGE",
    kind
      ? `${source}: is a ${kind}: stopped after reading ${limit} from it, the report limit`
      : `${source}: grew past the ${limit} limit while it was read`,
    {
      hint: kind
        ? "Pass the JSON file Trivy wrote (trivy image --format json --output report.json REF), or raise the limit with --max-size."
        : "Scan without --list-all-pkgs, or raise the limit with --max-size.",
      details: { file: source, maxBytes },
    },
  );
}
