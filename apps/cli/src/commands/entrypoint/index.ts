import { resolve } from "node:path";
import {
  ALPINE_BASE_RELEASE,
  DEFAULT_SHIMS_PATH,
  findingsLeftAfterRewrite,
  rewriteEntrypoint,
  type ShimSource,
} from "@alpinize/entrypoint";
import { EXIT, InputError, isAlpinizeError, UsageError } from "@alpinize/errors";
import { escapeControl } from "@alpinize/image-ref";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { parseCommandArgs } from "../../args.js";
import type { Io } from "../../io.js";
import { errorFile, wantsJson, withJsonErrors } from "../../json-errors.js";
import { missingOperand } from "../../missing-operand.js";
import { escapingErrors, showingRawBytes } from "../../raw-bytes.js";
import { otherLinksNote, symlinkTarget } from "../../write-output.js";
import { fileLabel } from "../migrate/file-label.js";
import {
  type EntrypointReport,
  failureJson,
  printDiff,
  printNotes,
  remindShims,
  summary,
  syntaxError,
  toJson,
} from "./output.js";
import { type ReadScript, readScript, readStdin } from "./read.js";
import { assertScriptWritable, writeScript } from "./write.js";

export const help = `Usage: alpinize entrypoint FILE [--write | --check] [--json] [--source PATH | --inline]

Rewrite the user and group handling of an entrypoint script (groupadd, useradd, usermod -aG,
gpasswd -a, addgroup, adduser, gosu, runuser -u/-c, setpriv
--reuid/--regid with --init-groups or --clear-groups; also by path and after "command"; gosu,
runuser and setpriv also inside $( ) and backquotes) to the alpinize shims, which behave the
same on Debian and Alpine, and lint what still breaks under busybox (GNU-only options of
sed/grep/stat/date/readlink/timeout/find/ps, bash syntax under #!/bin/sh, /usr/sbin/nologin,
runuser and setpriv calls the rewrite cannot take over). A group made with groupadd -g GID NAME
is then named by its GID in chgrp, chown U:NAME, find -group, su -g, install -g, gosu U:NAME and
su-exec U:NAME (another group may hold the GID on Alpine), also inside $( ), backquotes and a
here-document's $( ); getent and su-exec calls otherwise stay, as Alpine's base has both; other
uses of NAME (getent group NAME, grep NAME /etc/group, sh -c/eval strings) warn (group-name), on
a rerun too (the shim call written for groupadd counts as making NAME). Commands behind env, nohup, timeout or
sudo are not rewritten and warn with the bare form's rule. IDs are checked (alpine-id) against
Alpine ${ALPINE_BASE_RELEASE}'s base /etc/passwd and /etc/group, the only release whose base accounts
alpinize knows (migrate's default target is ${DEFAULT_RELEASE}), so there is no --alpine here.
Prints a unified diff by default; FILE may be - to read standard input (named <stdin> in
messages, the diff and --json, as migrate - names it).
Files named on the command line are read like cat reads them (a FIFO waits for its writer).

Options:
  --write         Rewrite FILE in place (atomically, keeping its mode); warning and finding
                  lines then point into the rewritten file (otherwise into FILE as given). A
                  symlink is written through (its target gets the new text); a FILE with other
                  hard links gets a new inode, so the other names keep the old text (a warning
                  says how many)
  --check         Change nothing; exit 1 if FILE needs rewriting or has lint errors left
  --json          Print edits, warnings and lint findings (line, column in FILE as given;
                  warnings and findings also outputLine, outputColumn in the rewrite) as JSON; an
                  error that stops it (bad flag, unreadable file, CRLF endings) still prints
                  one document: {file (or null), changed false, source null, edits [],
                  warnings [], findings: [one finding with rule "not-checked", severity
                  "error", code, message, fix], error: {code, message, hint?}}; a
                  shell syntax error gives the report (its syntax warning and finding)
                  with error: {code ALPINIZE_SCRIPT_SYNTAX, message, hint, file, line,
                  column}
  --source PATH   Load the shims with ". PATH" (default ${DEFAULT_SHIMS_PATH});
                  put the file there with: alpinize shims print --output PATH
  --inline        Copy into the script, instead of sourcing the file, the shim functions
                  it calls and what those use (the whole library only when it calls all)

Exit codes: 0 done (or nothing to change), 1 --check found changes or lint errors,
            2 bad input (CRLF line endings, a UTF-8 BOM before #!, a shell syntax error,
            $( ), \${ }, <( ) and backquotes nested over 200 levels deep) or usage,
            70 internal error.
`;

const OPTIONS = {
  write: { type: "boolean" },
  check: { type: "boolean" },
  json: { type: "boolean" },
  source: { type: "string" },
  inline: { type: "boolean" },
} as const;

export async function run(argv: string[], rawIo: Io): Promise<number> {
  const reached: { file: string | null } = { file: null };
  const io = showingRawBytes(rawIo);
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => failureJson(err, errorFile(err) ?? reached.file),
    () => escapingErrors(() => rewrite(argv, io, reached)),
  );
}

async function rewrite(argv: string[], io: Io, reached: { file: string | null }): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS, "entrypoint");
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    throw missingOperand("entrypoint", parsed, io.cwd, {
      message: "no script given",
      hint: "Run alpinize entrypoint path/to/docker-entrypoint.sh (or - for standard input).",
    });
  }
  if (positionals.length !== 1) {
    throw new UsageError("alpinize entrypoint: give exactly one script", {
      hint: "Run alpinize entrypoint path/to/docker-entrypoint.sh (or - for standard input).",
    });
  }
  if (values.write && values.check) {
    throw new UsageError("alpinize entrypoint: --write and --check exclude each other");
  }
  if (values.inline && values.source !== undefined) {
    throw new UsageError("alpinize entrypoint: --source and --inline exclude each other");
  }
  const file = positionals[0]!;
  // Standard input is `<stdin>` in messages, the diff and --json, as `migrate -` names it.
  const name = fileLabel(file);
  reached.file = name;
  if (values.write && file === "-") {
    throw new UsageError("alpinize entrypoint: --write cannot rewrite standard input", {
      hint: "Pass a file path, or drop --write and redirect the output.",
    });
  }
  const shimSource: ShimSource = values.inline
    ? "inline"
    : { path: values.source ?? DEFAULT_SHIMS_PATH };
  // A relative path is the CLI's working directory's, which the caller may set (io.cwd).
  const path = file === "-" ? file : resolve(io.cwd, file);
  // A FIFO or device is refused before it is read: its data would be spent on a failed write.
  if (values.write) assertScriptWritable(path, file);
  const read: ReadScript = file === "-" ? { text: await readStdin() } : readScript(path, file);
  const before = read.text;
  const result = rewriteNamed(name, before, shimSource);
  const report: EntrypointReport = {
    file: name,
    before,
    result,
    findings: findingsLeftAfterRewrite(before, result),
    source: shimSource === "inline" ? "inline" : shimSource.path,
  };
  const mode = values.write ? "write" : values.check ? "check" : "diff";
  const others =
    mode === "write" && result.changed ? writeScript(path, result.output, read.stamp, file) : 0;
  const hardLinks = others > 0 ? [otherLinksNote(file, others, symlinkTarget(path))] : [];
  for (const note of hardLinks) io.warn(note.message);
  if (values.json) {
    io.stdout.write(toJson(report, hardLinks));
    reportSyntaxError(io, report);
  } else {
    if (mode === "diff") printDiff(io, report);
    printNotes(io, report, mode === "write" && result.changed);
    io.err(summary(report, mode));
    if (mode === "write") remindShims(io, file, result.edits, shimSource);
  }
  // A script the shell cannot parse was not rewritten: bad input, as `migrate DIR` treats it.
  if (result.warnings.some((w) => w.rule === "syntax")) return EXIT.BAD_INPUT;
  const errorsLeft = report.findings.some((f) => f.severity === "error");
  return mode === "check" && (result.changed || errorsLeft) ? EXIT.FINDINGS : EXIT.OK;
}

/** With --json, stderr names the error that stopped the rewrite, as for CRLF endings. */
function reportSyntaxError(io: Io, report: EntrypointReport): void {
  const error = syntaxError(report);
  if (!error) return;
  io.err(`${io.style.red("error")} ${escapeControl(error.message)}`);
  if (error.hint) io.err(`  ${escapeControl(error.hint)}`);
}

/** The library's input errors (CRLF endings) do not know the file: name it, as `migrate DIR` does. */
function rewriteNamed(name: string, before: string, shimSource: ShimSource) {
  try {
    return rewriteEntrypoint(before, { shimSource });
  } catch (err) {
    if (!isAlpinizeError(err) || err.exitCode !== EXIT.BAD_INPUT) throw err;
    throw new InputError(err.code, `${name}: ${err.message}`, {
      ...(err.hint ? { hint: err.hint } : {}),
      details: { ...err.details, file: name },
      cause: err,
    });
  }
}
