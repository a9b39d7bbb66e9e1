import { resolve } from "node:path";
import { type BoundedReadAny, linkFailure, readBounded } from "@alpinize/bounded-read";
import { fsReason, InputError } from "@alpinize/errors";
import {
  type Exception,
  formatBytes,
  parseExceptions,
  parseTrivyReport,
  parseVex,
  type Report,
  readReportFile,
  type VexStatement,
} from "@alpinize/trivy-gate";

/** Reads a report from a file, or from stdin for "-", refusing more than maxBytes. */
export async function loadReport(
  path: string,
  cwd: string,
  stdin: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<Report> {
  if (path !== "-") return readReportFile(resolve(cwd, path), { maxBytes, source: path });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes)
      throw new InputError(
        "ALPINIZE_GATE_REPORT_TOO_LARGE",
        `<stdin>: the report is over the ${formatBytes(maxBytes)} limit`,
        {
          hint: "Raise the limit with --max-size, or scan without --list-all-pkgs.",
        },
      );
    chunks.push(buf);
  }
  return parseTrivyReport(Buffer.concat(chunks, size), { source: "<stdin>", maxBytes });
}

// Policy files are small; more than this is a mistake (a report passed as exceptions…).
const POLICY_FILE_LIMIT = 8 * 1024 * 1024;

/**
 * Reads a policy file of at most POLICY_FILE_LIMIT bytes: a regular file's size is checked before
 * reading, and a pipe (`--vex <(…)`) is read only up to the limit.
 */
async function readSmall(path: string, cwd: string, what: string): Promise<Buffer> {
  const tooLarge = () =>
    new InputError(
      "ALPINIZE_GATE_FILE_TOO_LARGE",
      `${path}: the ${what} is over ${formatBytes(POLICY_FILE_LIMIT)}`,
      { hint: "Check that the right file was given." },
    );
  let got: BoundedReadAny;
  try {
    got = await readBounded(resolve(cwd, path), POLICY_FILE_LIMIT, { special: "read" });
  } catch (err) {
    throw unreadable(path, resolve(cwd, path), what, err);
  }
  if (got.status === "directory")
    throw new InputError(
      "ALPINIZE_GATE_FILE_UNREADABLE",
      `${path}: is a directory: give the ${what}`,
      { hint: `Pass the file itself to --${flagOf(what)}.` },
    );
  if (got.status === "too-large") throw tooLarge();
  return got.bytes;
}

/**
 * Worded as the report's own read error and the CLI's other commands: a missing file is "no such
 * file", a dangling link names its target, a link loop and anything else (EACCES) are "cannot
 * read the … (…)".
 */
function unreadable(path: string, full: string, what: string, err: unknown): InputError {
  const link = linkFailure(full, err);
  const reason = link?.reason ?? fsReason(err);
  const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
  return new InputError(
    "ALPINIZE_GATE_FILE_UNREADABLE",
    missing ? `${path}: ${reason}` : `${path}: cannot read the ${what} (${reason})`,
    {
      hint: link?.hint ?? `Check the path given to --${flagOf(what)}.`,
      cause: err,
    },
  );
}

const flagOf = (what: string) => (what === "exceptions file" ? "exceptions" : "vex");

export async function loadExceptions(path: string | undefined, cwd: string): Promise<Exception[]> {
  return path ? parseExceptions(await readSmall(path, cwd, "exceptions file"), path) : [];
}

export async function loadVex(paths: string[], cwd: string): Promise<VexStatement[]> {
  const all: VexStatement[] = [];
  for (const path of paths) all.push(...parseVex(await readSmall(path, cwd, "VEX document"), path));
  return all;
}
