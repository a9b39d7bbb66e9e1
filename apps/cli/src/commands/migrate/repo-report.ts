import { accessSync, constants, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "@alpinize/errors";
import type { RepoPlan } from "@alpinize/repo";
import { outputKind, writeOutput } from "../../write-output.js";

/**
 * Checks a `--report` path before any file is touched: it must not be one of the files the run
 * reads or migrates (the report would replace it, or be replaced by it), and it must be writable.
 */
export function assertReportPath(path: string, plan: RepoPlan): void {
  const target = canonical(path);
  const files = [...plan.files, ...plan.unparsable, ...plan.skipped, ...plan.mentions].map(
    (f) => f.file,
  );
  const clash = files.find((file) => {
    const full = join(plan.root, file);
    return full === path || canonical(full) === target;
  });
  if (clash !== undefined) {
    throw new InputError(
      "ALPINIZE_REPORT_CLASH",
      `--report ${path} is ${clash}, a file this migration reads or rewrites; nothing was written`,
      {
        hint: "Pass --report a new file name, such as MIGRATION.md.",
        details: { file: path },
      },
    );
  }
  assertWritable(path);
}

/** The report is written through writeOutput: a temp file and a rename in its folder. */
function assertWritable(path: string): void {
  let kind: ReturnType<typeof outputKind>;
  try {
    kind = outputKind(path);
    if (kind === "directory") throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (kind === "file" || kind === "new") accessSync(dirname(canonical(path)), constants.W_OK);
    // Renaming over a read-only report would work in a writable folder, ignoring its mode.
    if (kind === "file") accessSync(path, constants.W_OK);
    else if (kind === "special" || kind === "fd-path") accessSync(path, constants.W_OK);
  } catch (err) {
    throw unwritable(path, err);
  }
}

export function writeReport(path: string, markdown: string): void {
  try {
    // /dev/stdout, a pipe or a symlink to one is written into, never renamed over.
    writeOutput(path, markdown);
  } catch (err) {
    throw unwritable(path, err);
  }
}

function unwritable(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  const message = (err as Error).message;
  // Node's errno messages start with their code already ("ENOENT: no such file ...").
  const why = code && !message.startsWith(`${code}:`) ? `${code}: ${message}` : message;
  return new InputError(
    "ALPINIZE_REPORT_UNWRITABLE",
    `cannot write the report to ${path} (${why}); nothing was written`,
    {
      hint: "Pass --report a path in an existing, writable folder.",
      details: { file: path },
      cause: err,
    },
  );
}

/** The real path, also for a file that does not exist yet (its folder's real path + its name). */
function canonical(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}
