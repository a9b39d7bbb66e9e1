import { resolve } from "node:path";
import { MAX_DOCKERFILE_BYTES } from "@alpinize/dockerfile";
import { type AlpinizeError, EXIT, isAlpinizeError, UsageError } from "@alpinize/errors";
import { createPackageMap, DEFAULT_RELEASE, KNOWN_RELEASES } from "@alpinize/package-map";
import {
  decodeText,
  type GosuMode,
  inodeKey,
  type LinkedWrite,
  linksLeftBehind,
} from "@alpinize/repo";
import { alpineFlag } from "../../alpine-flag.js";
import { parseCommandArgs } from "../../args.js";
import type { Io } from "../../io.js";
import { errorFile, wantsJson, withJsonErrors } from "../../json-errors.js";
import { missingOperand, takenOperand } from "../../missing-operand.js";
import { escapingErrors, showingRawBytes } from "../../raw-bytes.js";
import { otherLinksNote, symlinkTarget } from "../../write-output.js";
import { runRepositoryMigration } from "./dir.js";
import { assertWritable, type FileMigration, migrateFile, tooLarge, writeAtomic } from "./file.js";
import { fileLabel, STDIN_NAME } from "./file-label.js";
import { gosuFlag } from "./gosu.js";
import { type FileFailure, printDiff, printWarnings, summary, toJson } from "./output.js";
import { directoryArgument, REPOSITORY_HELP, REPOSITORY_OPTIONS } from "./repo-args.js";
import { unknownStopping } from "./unknown-left.js";
import { warnUnreadConfig } from "./unread-config.js";

export const help = `Usage: alpinize migrate FILE... [--write | --check] [--json] [--alpine X.Y]
                                [--gosu keep|su-exec]
       alpinize migrate DIR [--write | --check] [--json] [--alpine X.Y] [--gosu keep|su-exec]
                            [--report FILE] [--config FILE]
                            [--pin [--registry-mirror HOST] [--insecure-registry HOST]...]

Rewrite Debian or Ubuntu Dockerfiles for Alpine Linux with minimal edits: base images, apt-get and
xx-apt, package names, architecture names, users and groups, shells, tini/gosu, locales, Go DNS.
Prints a unified diff by default; FILE may be - to read standard input (named <stdin> in
messages, diffs and --json, as alpinize check names it). A FILE is named as given; files found
in a DIR by their path from the current directory (relative to it when inside it).
Files named on the command line are read like cat reads them (a FIFO waits for its writer);
files found while walking a directory that are not regular files are refused without blocking.

Options:
  --write        Rewrite each file in place (atomically, keeping its mode); warning lines then
                 point into the rewritten file (otherwise into the file as given). A symlink is
                 written through (its target gets the new text); a file with other hard links
                 gets a new inode, so the other names keep the old text (a warning says how
                 many)
  --check        Change nothing; exit 1 if migrate would edit a file, or if a RUN of a stage
                 on Alpine still runs a Debian tool migrate cannot convert (apt-get, apt-cache,
                 dpkg-divert, useradd without shadow, a vendor's apt setup script run by a
                 shell: curl …/setup_20.x | bash -…; dpkg's and shadow's programs pass where
                 apk installs their package), naming tool and line ("dpkg at line 2"). Only a
                 RUN migrate cannot read at all (exec form, or text sh cannot parse) that runs
                 a Debian tool keeps its Debian stage, and the stages built FROM it, on Debian.
                 A step it reads but leaves as is, with a warning (apt-get source or build-dep,
                 dpkg --add-architecture, dpkg-scanpackages, dpkg-divert, xargs apt-get), does
                 not: the stage moves to Alpine with the step in it, and --check then exits 1
                 until you rewrite it, also after --write. It
                 answers "is migrate done with this file?", not "is it Alpine-ready?": what
                 else migrate only warns about (ONBUILD RUN, systemctl…) is left for you,
                 counted in the summary line; alpinize check is the CI lint for it
  --json         Print edits, warnings (line, column in the input; outputLine, outputColumn in
                 the result; outputMessage, the words with the lines they name moved there,
                 where they differ) and every package decision as JSON; an
                 error that stops the run (bad flag, missing or unreadable file) still prints
                 one document: {release (null if not known yet), errors: [{file?, code,
                 message, hint?}], files: []}, with the exit code of the error
  --alpine X.Y   Target Alpine release (${KNOWN_RELEASES.join(", ")}; default ${DEFAULT_RELEASE})
  --gosu MODE    A RUN that only downloads, verifies and installs a gosu release: keep (default;
                 left as is, with a warning) or su-exec (becomes apk add --no-cache su-exec, and
                 gosu calls in the Dockerfile become su-exec). gosu installed with apt becomes
                 su-exec, except for FILE on Alpine 3.22+ when a script the stage copies calls
                 gosu: then Alpine's gosu is installed (migrate DIR rewrites the script instead).
${REPOSITORY_HELP}
Limits: a Dockerfile of more than 4 MiB, of more than 50,000 instructions
(ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS), or whose RUN lines hold more than 200,000 sh -c
strings, nested ones counted (ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS), is refused with exit 2
before any rewriting: join RUN lines, move the commands into a script file, or split the file. So is
one whose apt installs and removes name more than 200,000 packages, each distinct name of a command
counted (ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES), with nothing written: use fewer apt commands.
migrate DIR sums them over its Dockerfiles: the one that passes 200,000 and those after it are not
migrated (exit 2, the same code; the others are): migrate the folders one at a time.
Exit codes: 0 done (or nothing to change), 1 --check found files to migrate (or an Alpine
            stage that still runs a Debian tool migrate cannot convert),
            2 bad input (missing file, unknown release, unparsable Dockerfile), 70 internal error
            (the file that hit it is named and left untouched; other files given, or found in a
            directory, are still converted and written).
`;

const OPTIONS = {
  write: { type: "boolean" },
  check: { type: "boolean" },
  json: { type: "boolean" },
  alpine: { type: "string" },
  gosu: { type: "string" },
  ...REPOSITORY_OPTIONS,
} as const;

/** How far a run got, for the --json document of an error that stops it. */
interface Reached {
  /** The target release, once it is known to be one alpinize has data for. */
  release: string | null;
  /** The Dockerfile being migrated when the error was thrown. */
  file: string | null;
}

export async function run(argv: string[], rawIo: Io): Promise<number> {
  const reached: Reached = { release: null, file: null };
  const io = showingRawBytes(rawIo);
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => failureJson(err, reached),
    () => escapingErrors(() => migrate(argv, io, reached)),
  );
}

/**
 * The --json document when the run stops on an error (bad flag, missing or unreadable file): the
 * shape of a run whose files failed one by one, with no file migrated.
 */
function failureJson(err: AlpinizeError, reached: Reached) {
  const file = errorFile(err) ?? reached.file;
  return {
    release: reached.release,
    errors: [
      {
        ...(file !== null ? { file } : {}),
        code: err.code,
        message: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
      },
    ],
    files: [],
  };
}

async function migrate(argv: string[], io: Io, reached: Reached): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS, "migrate");
  const { values, positionals } = parsed;
  // `--alpine Dockerfile`: the file name was taken as the release (said before "no Dockerfile").
  alpineFlag(values.alpine, "migrate", {
    operand: "FILE",
    unknownCode: "ALPINIZE_RELEASE_UNKNOWN",
  });
  // `--gosu Dockerfile`: the file name was taken as the mode (said before "no Dockerfile").
  const gosu = gosuFlag(
    values.gosu,
    positionals.length === 0 ? takenOperand(parsed, io.cwd) : undefined,
  );
  if (positionals.length === 0) {
    throw missingOperand("migrate", parsed, io.cwd, {
      message: "no Dockerfile given",
      hint: "Run alpinize migrate path/to/Dockerfile (or - for standard input).",
    });
  }
  if (positionals.filter((p) => p === "-").length > 1) {
    throw new UsageError("alpinize migrate: - (standard input) is given more than once", {
      hint: "Standard input can be read once: pass - once, and the other Dockerfiles by path.",
    });
  }
  if (values.write && values.check) {
    throw new UsageError("alpinize migrate: --write and --check exclude each other", {
      hint: "--write and --check are exclusive: use --check in CI and --write to apply.",
    });
  }
  const flags = { ...values, gosu };
  const dir = directoryArgument(positionals, flags, io);
  if (dir !== undefined) {
    // A directory's release may come from its config or its Dockerfiles: known here only when given.
    if (
      values.alpine !== undefined &&
      (KNOWN_RELEASES as readonly string[]).includes(values.alpine)
    )
      reached.release = values.alpine;
    return runRepositoryMigration(dir, flags, io);
  }
  if (values.write && positionals.includes("-")) {
    throw new UsageError("alpinize migrate: --write cannot rewrite standard input", {
      hint: "Pass a file path, or drop --write and redirect the output.",
    });
  }
  const release = values.alpine ?? DEFAULT_RELEASE;
  reached.release = release;
  const defaulted = values.alpine === undefined;
  warnUnreadConfig(io);
  return migrateFiles(positionals, { ...flags, release, defaulted }, io, reached);
}

async function migrateFiles(
  positionals: string[],
  values: {
    write?: boolean;
    check?: boolean;
    json?: boolean;
    gosu?: GosuMode | undefined;
    release: string;
    /** No --alpine: the release is the default, and "nothing to change" says so. */
    defaulted: boolean;
  },
  io: Io,
  reached: Reached,
): Promise<number> {
  const { gosu, release } = values;
  const packageMap = createPackageMap({ release });
  const stdin = positionals.includes("-") ? await readStdin(io) : undefined;
  const mode = values.write ? "write" : values.check ? "check" : "diff";
  const done: FileMigration[] = [];
  const failures: FileFailure[] = [];
  const linked: (LinkedWrite & { target: string | undefined })[] = [];
  let failed = false;
  let bug = false;
  for (const file of positionals) {
    reached.file = fileLabel(file);
    // A relative path is the CLI's working directory's, which the caller may set (io.cwd).
    const path = resolve(io.cwd, file);
    try {
      if (mode === "write") assertWritable(path, file);
      const m = migrateFile(file, {
        cwd: io.cwd,
        packageMap,
        release,
        ...(gosu ? { gosuDownload: gosu } : {}),
        ...(stdin !== undefined ? { stdin } : {}),
      });
      done.push(m);
      if (mode === "write" && m.result.changed) {
        // Taken before the rename: a later name of the same inode (`ln a b; --write a b`) pairs up.
        const inode = inodeKey(path);
        const others = writeAtomic(path, m.result.output, file);
        linked.push({ file, inode, others, target: symlinkTarget(path) });
      }
      if (!values.json) report(io, m, mode, values.defaulted);
    } catch (err) {
      const internal = !isAlpinizeError(err) || err.exitCode === EXIT.INTERNAL;
      if (internal) {
        // A bug met on one file: name it, go on with the others, end with exit 70.
        const reason = err instanceof Error ? err.message : String(err);
        const message = `${fileLabel(file)}: internal error while converting it (a bug in alpinize; please report it with this file): ${reason}`;
        bug = true;
        failures.push({ file: fileLabel(file), code: "ALPINIZE_INTERNAL", message });
        io.err(`${io.style.red("error")} ${message}`);
        continue;
      }
      if (err.exitCode !== EXIT.BAD_INPUT || positionals.length === 1) throw err;
      failed = true;
      failures.push({ file: fileLabel(file), code: err.code, message: err.message });
      io.err(`${io.style.red("error")} ${err.message}`);
      if (err.hint) io.err(`  ${err.hint}`);
    }
  }
  reached.file = null;
  // Named once all are written, as pin does: a name this run rewrote too does not hold old text.
  const hardLinks = linksLeftBehind(linked).map((w) => otherLinksNote(w.file, w.others, w.target));
  for (const note of hardLinks) io.warn(note.message);
  if (values.json) io.stdout.write(toJson(release, done, failures, hardLinks));
  if (bug) return EXIT.INTERNAL;
  if (failed) return EXIT.BAD_INPUT;
  // A RUN left with apt-get on an Alpine stage cannot build, nor an apk add of a name the
  // release lacks: the file is not done, changed or not.
  const unfinished = (m: FileMigration) =>
    m.result.changed ||
    m.result.debianToolsLeft.length > 0 ||
    unknownStopping(m.result.unknownPackages).length > 0;
  return mode === "check" && done.some(unfinished) ? EXIT.FINDINGS : EXIT.OK;
}

function report(
  io: Io,
  m: FileMigration,
  mode: "diff" | "write" | "check",
  defaulted: boolean,
): void {
  if (mode === "diff") printDiff(io, m);
  printWarnings(io, m, mode);
  io.err(summary(m, mode, defaulted));
}

/** Standard input is bounded like a file: `cat /dev/zero | alpinize migrate -` is refused, not loaded. */
export async function readStdin(
  _io: Io,
  input: AsyncIterable<Buffer | string> = process.stdin,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    // Worded as a Dockerfile named on the command line: `-` is given as one.
    if (size > MAX_DOCKERFILE_BYTES) throw tooLarge(STDIN_NAME, true);
    chunks.push(buf);
  }
  return decodeText(Buffer.concat(chunks));
}
