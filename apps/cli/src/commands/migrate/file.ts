import { statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type BoundedReadAny, linkFailure, readBoundedSync } from "@alpinize/bounded-read";
import {
  isAmbiguousDockerfileName,
  MAX_DOCKERFILE_BYTES,
  type MigrateResult,
  migrateDockerfile,
  whyNotDockerfileText,
} from "@alpinize/dockerfile";
import { formatBytes, InputError } from "@alpinize/errors";
import type { PackageMap } from "@alpinize/package-map";
import {
  type ContextFileReader,
  decodeText,
  encodeText,
  isDockerfileName,
  contextReader as readContext,
} from "@alpinize/repo";
import { cannotRead, readFailureHint } from "../../read-failure.js";
import {
  assertRewritable,
  type ContentStamp,
  contentStamp,
  type InPlaceWords,
  rewriteInPlace,
} from "../../write-output.js";
import { fileLabel } from "./file-label.js";

export interface FileMigration {
  /** The path as given on the command line (`-` for stdin). */
  file: string;
  /** As decodeText gave it: a byte that is not UTF-8 is kept, and encodeText writes it back. */
  before: string;
  result: MigrateResult;
}

/**
 * COPY sources as migrate FILE reads them: the Dockerfile's folder is the only context it knows,
 * and a script over 1 MiB is read in part (its shebang and the commands it starts with).
 */
export function contextReader(dockerfile: string): ContextFileReader {
  return readContext(dirname(dockerfile), { limit: 1024 * 1024, head: true });
}

/**
 * Reads and migrates one Dockerfile, a relative `file` taken from `cwd` (the CLI's working
 * directory, which the caller may set) and named as given. Throws InputError (exit 2) for missing
 * or unusable files.
 */
export function migrateFile(
  file: string,
  options: {
    cwd: string;
    packageMap: PackageMap;
    release: string;
    stdin?: string;
    gosuDownload?: "keep" | "su-exec";
  },
): FileMigration {
  const path = resolve(options.cwd, file);
  const before = file === "-" ? (options.stdin ?? "") : readDockerfile(path, file);
  const result = migrateDockerfile(before, {
    release: options.release,
    packageMap: options.packageMap,
    // Standard input is `-` everywhere (messages, --json), as it was given and as check names it.
    fileName: fileLabel(file),
    ...(options.gosuDownload ? { gosuDownload: options.gosuDownload } : {}),
    ...(file === "-" ? {} : { readContextFile: contextReader(path) }),
  });
  return { file, before, result };
}

/** `path` is read; `file`, the name as given, is what messages say. */
function readDockerfile(path: string, file: string): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (err) {
    throw notStated(path, file, err);
  }
  if (stat.isDirectory()) throw isDirectory(file);
  let got: BoundedReadAny;
  try {
    // A pipe or device the user named (<(cmd), /dev/zero) is read too, up to the limit.
    got = readBoundedSync(path, MAX_DOCKERFILE_BYTES, { special: "read" });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw err;
    throw new InputError("ALPINIZE_MIGRATE_UNREADABLE", cannotRead(file, code), {
      hint: readFailureHint(code, {
        otherwise: "Check the file's permissions; it is left untouched.",
        after: "nothing was changed",
      }),
      details: { file, code },
    });
  }
  // The stat above words the usual refusals; the checks that count are on the descriptor.
  if (got.status === "directory") throw isDirectory(file);
  if (got.status === "too-large") throw tooLarge(file);
  const { bytes, info } = got;
  // The stamp's time is from the fstat taken before the bytes were read.
  if (info.isFile()) readStamps.set(path, contentStamp(bytes, info));
  if (bytes.includes(0)) {
    throw new InputError("ALPINIZE_MIGRATE_BINARY", `${file}:1: binary file, not a Dockerfile`, {
      hint: "Pass a Dockerfile.",
    });
  }
  const text = decodeText(bytes);
  // `Dockerfile.sh`, `dockerfile.prod`…: judged by what they hold, as the walks and pin judge them.
  const why = isAmbiguousDockerfileName(basename(path)) ? whyNotDockerfileText(text) : undefined;
  if (why !== undefined) throw notADockerfile(file, why);
  return text;
}

function notADockerfile(file: string, why: string): InputError {
  return new InputError(
    "ALPINIZE_MIGRATE_NOT_DOCKERFILE",
    `${file}: named like a Dockerfile, but ${why}; migrate reads Dockerfiles`,
    {
      hint: "migrate DIR and check DIR skip it too, and pin refuses it. If it is a Dockerfile, start it with FROM or ARG (comments may come first); otherwise leave it out.",
      details: { file },
    },
  );
}

/**
 * What each file held when migrateFile read it (by resolved path), for writeAtomic: a file that
 * changed while alpinize worked is left with that edit. The last read of a path wins, so a file
 * named twice is compared with what its second migration read.
 */
const readStamps = new Map<string, ContentStamp>();

/** A link loop is UNREADABLE; a dangling link, or any other failure of stat, NO_FILE. */
function notStated(path: string, file: string, err: unknown): InputError {
  const link = linkFailure(path, err);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  // ENOTDIR, ENAMETOOLONG, EACCES…: the name may well exist, so "no such file" would mislead.
  if (link === undefined && typeof code === "string" && code !== "ENOENT") {
    return new InputError("ALPINIZE_MIGRATE_UNREADABLE", cannotRead(file, code), {
      hint: readFailureHint(code, {
        otherwise: "Check the path and its folders' permissions; nothing was changed.",
        after: "nothing was changed",
      }),
      details: { file, code },
    });
  }
  const loop = link !== undefined && link.target === undefined;
  return new InputError(
    loop ? "ALPINIZE_MIGRATE_UNREADABLE" : "ALPINIZE_MIGRATE_NO_FILE",
    `${file}: ${link?.reason ?? "no such file"}`,
    {
      hint: link?.hint ?? "Pass the path of a Dockerfile (or - to read standard input).",
      details: link?.target === undefined ? { file } : { file, target: link.target },
    },
  );
}

/**
 * A file named like a Dockerfile is one, too large to read: "not a Dockerfile" would send the
 * user looking for another file. Anything else (/dev/zero, a pipe) is no Dockerfile. Standard
 * input (`migrate -`) is given as a Dockerfile, so it is worded as one (`dockerfile` true).
 */
export function tooLarge(file: string, dockerfile = isDockerfileName(basename(file))): InputError {
  const limit = formatBytes(MAX_DOCKERFILE_BYTES);
  return new InputError(
    "ALPINIZE_MIGRATE_TOO_LARGE",
    `${file}: larger than ${limit}${dockerfile ? ": a Dockerfile too large for alpinize to read" : ", not a Dockerfile"}`,
    {
      hint: dockerfile
        ? `Split it into Dockerfiles of at most ${limit} each, then migrate each of them.`
        : "Pass a Dockerfile.",
      details: { file },
    },
  );
}

function isDirectory(file: string): InputError {
  return new InputError(
    "ALPINIZE_MIGRATE_DIRECTORY",
    `${file} is a directory; migrating a directory is not supported yet`,
    {
      hint: `Pass the Dockerfile itself, e.g. alpinize migrate ${join(file, "Dockerfile")}.`,
      details: { file },
    },
  );
}

/**
 * Replaces the file at `path` (absolute) atomically: a temp file in the same directory, same
 * mode, then rename; a file that no longer holds what migrateFile read is left alone. `file` is
 * the name messages give. Returns how many other hard links keep the old text.
 */
export function writeAtomic(path: string, text: string, file = path): number {
  // A temp file in the real file's directory, same mode, then a rename (write-output.ts).
  return rewriteInPlace(path, encodeText(text), readStamps.get(resolve(path)), writeWords(file));
}

/** `--write` on a pipe, FIFO or device: refused before it is read (its data would be spent). */
export function assertWritable(path: string, file = path): void {
  assertRewritable(path, writeWords(file));
}

function writeWords(file: string): InPlaceWords {
  return {
    file,
    message: (reason) => `${file}: cannot write (${reason}); left unchanged`,
    changed: {
      code: "ALPINIZE_MIGRATE_CHANGED",
      hint: "Someone edited it while alpinize was working; run alpinize migrate --write again on the file as it is now.",
    },
    unwritable: {
      code: "ALPINIZE_MIGRATE_WRITE",
      hint: "Make the file and its directory writable, or drop --write and apply the diff yourself.",
    },
    instead: "drop --write and apply the printed diff yourself",
  };
}
