import { randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  openSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { type AlpinizeError, InputError } from "@alpinize/errors";
import type { RepoPlan } from "@alpinize/repo";
import { writeFailureWords } from "../../write-output/failure-words.js";
import { canonicalPath, inputWrittenBy, outputTarget, writeOutput } from "../../write-output.js";

/**
 * Checks a `--report` path before any file is touched: it must not be one of the files the run
 * reads or migrates (the report would replace it, or be replaced by it): Dockerfiles, scripts,
 * compose files and workflows, the ignore files discovery followed, build-context files the
 * transform read, and the settings files. It must also be writable.
 */
export function assertReportPath(
  path: string,
  plan: RepoPlan,
  configFiles: string[],
  cwd = process.cwd(),
): void {
  const files = [...plan.files, ...plan.unparsable, ...plan.skipped, ...plan.mentions].map(
    (f) => f.file,
  );
  const read = [...files.map((file) => join(plan.root, file)), ...plan.inputs, ...configFiles];
  const clash = inputWrittenBy(path, read, plan.root);
  if (clash !== undefined) {
    const name =
      files.find((file) => join(plan.root, file) === clash) ?? relative(plan.root, clash);
    throw new InputError(
      "ALPINIZE_REPORT_CLASH",
      `--report ${path} is ${name}, a file this migration reads or rewrites; nothing was written`,
      {
        hint: "Pass --report a new file name, such as MIGRATION.md.",
        details: { file: path },
      },
    );
  }
  assertWritable(path, cwd);
}

/**
 * The report is written through writeOutput: a temp file and a rename in its folder, or straight
 * into a device or descriptor. Each is tried here, before any file of the run is written, so a
 * report that cannot be written (a read-only folder, /dev/full) leaves everything untouched.
 */
function assertWritable(path: string, cwd: string): void {
  try {
    const target = outputTarget(path);
    switch (target.kind) {
      case "directory":
        throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      case "file":
        // Renaming over a read-only report would work in a writable folder, ignoring its mode.
        accessSync(path, constants.W_OK);
        tryCreateIn(dirname(canonicalPath(path)));
        break;
      case "new":
        tryCreateIn(dirname(canonicalPath(path)));
        break;
      case "own-fd":
        writeSync(target.fd, EMPTY);
        break;
      case "special":
      case "fd-path":
        accessSync(path, constants.W_OK);
        tryWriteInto(target.path);
        break;
    }
  } catch (err) {
    throw unwritable(path, err, cwd);
  }
}

const EMPTY = Buffer.alloc(0);

/** Creates and removes a file beside the report, as the temp file it is written through. */
function tryCreateIn(dir: string): void {
  const probe = join(dir, `.alpinize-report-${process.pid}-${randomBytes(4).toString("hex")}`);
  closeSync(openSync(probe, "wx"));
  unlinkSync(probe);
}

/**
 * Writes nothing into a device or descriptor: /dev/full refuses even that (ENOSPC). A FIFO or
 * socket is left alone, since opening one could wait for a reader that comes only later.
 */
function tryWriteInto(path: string): void {
  const stats = statSync(path);
  if (stats.isFIFO() || stats.isSocket()) return;
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK);
  try {
    writeSync(fd, EMPTY);
  } finally {
    closeSync(fd);
  }
}

export function writeReport(path: string, markdown: string, cwd = process.cwd()): void {
  try {
    // /dev/stdout, a pipe or a symlink to one is written into, never renamed over.
    writeOutput(path, markdown);
  } catch (err) {
    throw unwritable(path, err, cwd);
  }
}

/**
 * The report failed after the run wrote files (its path passed the checks above): they stay
 * written, and the message says so rather than "nothing was written".
 */
export function reportMissing(
  path: string,
  err: AlpinizeError,
  written: readonly string[],
  cwd = process.cwd(),
): { file: string; code: string; message: string; hint: string } {
  const listed = written.slice(0, 5).join(", ");
  const more = written.length > 5 ? ` and ${written.length - 5} more` : "";
  const words = failureWords(path, err.cause ?? err, cwd);
  return {
    file: path,
    code: err.code,
    message: `cannot write the report to ${path} (${words.reason}); only the report is missing: ${written.length} file(s) were migrated and written (${listed}${more})`,
    hint: `${words.hint} The written files stay as they are (git diff shows them); for the report, restore them (git checkout) and run again.`,
  };
}

/** A missing folder, a file on the way, a permission, a full disk: said in words. */
const failureWords = (path: string, err: unknown, cwd: string) =>
  writeFailureWords(path, err, {
    cwd,
    flag: "--report",
    example: "MIGRATION.md",
    instead: "pass --report another path",
  });

function unwritable(path: string, err: unknown, cwd: string): InputError {
  const words = failureWords(path, err, cwd);
  return new InputError(
    "ALPINIZE_REPORT_UNWRITABLE",
    // Every way of writing it was tried before any file of the run was (assertWritable).
    `cannot write the report to ${path} (${words.reason}); nothing was written`,
    {
      hint: words.hint,
      details: { file: path, ...(words.missing ? { missing: words.missing } : {}) },
      cause: err,
    },
  );
}
