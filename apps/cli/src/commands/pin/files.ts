import { isUtf8 } from "node:buffer";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { linkFailure, readBounded } from "@alpinize/bounded-read";
import type { PinFileKind } from "@alpinize/digest";
import { formatBytes, InputError, isAlpinizeError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import { decodeText, encodeText } from "@alpinize/repo";
import { cannotRead, readFailureHint } from "../../read-failure.js";
import { type ContentStamp, contentStamp, rewriteInPlace } from "../../write-output.js";
import { kindOfName, kindOfText } from "./kind.js";

const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const KINDS: PinFileKind[] = ["dockerfile", "compose", "workflow"];

export interface PinInput {
  /** As given on the command line. */
  file: string;
  path: string;
  kind: PinFileKind;
  /**
   * Without the byte order mark, which `encode` puts back. Decoded as every command reads
   * Dockerfiles (decodeText): a byte that is not UTF-8 survives the round trip.
   */
  text: string;
  bom: boolean;
  /** What the file held when read: --write refuses to replace it once that has changed. */
  stamp: ContentStamp;
  /** `dev:ino` through symlinks, as read: two names of one file given together are paired. */
  inode: string | undefined;
}

/**
 * Reads one file (bounded) and decides its kind from --kind or its name, or, for a name such as
 * `Dockerfile.sh`, from its text as file discovery does.
 */
export async function readPinInput(
  file: string,
  cwd: string,
  kind?: PinFileKind,
): Promise<PinInput> {
  const path = resolve(cwd, file);
  // A missing file or a directory is named as such before its name is read as a file kind.
  const found = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  const link = found instanceof Error ? linkFailure(path, found) : undefined;
  if (link || (found instanceof Error && found.code === "ENOENT")) {
    // The target is the link's text, escaped like the file name: it may hold control characters.
    throw new InputError(
      "ALPINIZE_PIN_UNREADABLE",
      `cannot read ${escapeInline(file)}: ${escapeInline(link?.reason ?? "no such file")}`,
      {
        hint:
          link?.hint ??
          "Check the path: pin takes Dockerfiles, compose files and workflow files that exist.",
        details: link?.target === undefined ? { file } : { file, target: link.target },
      },
    );
  }
  if (!(found instanceof Error) && found.isDirectory()) {
    throw new InputError(
      "ALPINIZE_PIN_UNREADABLE",
      `cannot read ${escapeInline(file)}: is a directory`,
      {
        hint: "Name the Dockerfile, compose file or workflow files inside it (pin takes files).",
        details: { file },
      },
    );
  }
  const byName = kindOfName(file, path, kind);
  let bytes: Buffer;
  let stamp: ContentStamp;
  try {
    // One descriptor: opened non-blocking (a FIFO is not waited on), checked with its own fstat,
    // read to at most the limit (a file that grows, or a device behind a link, is stopped).
    const got = await readBounded(path, MAX_FILE_BYTES);
    if (got.status === "directory" || got.status === "special") {
      throw new InputError(
        "ALPINIZE_PIN_UNREADABLE",
        `cannot read ${escapeInline(file)}: ${got.status === "directory" ? "is a directory" : "not a regular file"}`,
        {
          hint: "Name a Dockerfile, compose file or workflow file, not a directory, pipe or device.",
          details: { file },
        },
      );
    }
    if (got.status === "too-large") {
      throw new InputError(
        "ALPINIZE_PIN_TOO_LARGE",
        `${escapeInline(file)} is larger than ${formatBytes(MAX_FILE_BYTES)}`,
        {
          hint: "No Dockerfile, compose file or workflow is that large: check that this is the file you meant.",
          details: { file },
        },
      );
    }
    bytes = got.bytes;
    // The time from the same fstat, taken before the bytes: a write in between shows.
    stamp = contentStamp(bytes, got.info);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      "ALPINIZE_PIN_UNREADABLE",
      cannotRead(escapeInline(file), code ?? String(err)),
      {
        hint: readFailureHint(code, {
          otherwise: "Check the path and its folders' permissions.",
          after: "nothing was changed",
        }),
        details: code === undefined ? { file } : { file, code },
        cause: err,
      },
    );
  }
  const text = decodeText(bytes);
  const chosen = byName ?? kindOfText(file, path, text);
  if (chosen === "dockerfile") checkDockerfileText(bytes, file);
  else checkYamlText(bytes, file, chosen);
  const bom = text.startsWith("\ufeff");
  const inode = found instanceof Error ? undefined : `${found.dev}:${found.ino}`;
  return { file, path, kind: chosen, text: bom ? text.slice(1) : text, bom, stamp, inode };
}

/**
 * YAML must be Unicode text; a binary or latin1 file would otherwise be read as one odd scalar
 * and "pass" --check with nothing found in it. (The Dockerfile parser rejects NUL bytes itself.)
 */
function checkYamlText(bytes: Buffer, file: string, kind: PinFileKind): void {
  const nul = bytes.indexOf(0);
  if (nul < 0 && isUtf8(bytes)) return;
  const what = nul >= 0 ? `a NUL byte at offset ${nul}` : "bytes that are not UTF-8";
  throw new InputError(
    "ALPINIZE_PIN_NOT_TEXT",
    `${escapeInline(file)}: not a text file (${what}); a ${kind} file must be UTF-8 YAML`,
    {
      hint: "Check that this is the file you meant; pass --kind only for YAML files.",
      details: { file, kind },
    },
  );
}

/**
 * A NUL byte: a binary file, not a Dockerfile. Said here, since the parser's syntax error would
 * point at line 1 and ask to fix it so docker build accepts it. Bytes that are not UTF-8 are
 * kept: a Latin-1 comment is still a Dockerfile, written back byte for byte.
 */
function checkDockerfileText(bytes: Buffer, file: string): void {
  const nul = bytes.indexOf(0);
  if (nul < 0) return;
  throw new InputError(
    "ALPINIZE_PIN_NOT_TEXT",
    `${escapeInline(file)}: not a text file (a NUL byte at offset ${nul}), so not a Dockerfile`,
    {
      hint: "Check that this is the file you meant: pin takes Dockerfiles, compose files and workflows; pass --kind only for one of those.",
      details: { file, kind: "dockerfile" },
    },
  );
}

/** The bytes to write for `text`: the file's own bytes outside the edits, and its byte order mark. */
export function encode(input: PinInput, text: string): Buffer {
  return encodeText(input.bom ? `\ufeff${text}` : text);
}

/** Errors about the text of a file, which name it by its line alone ("Dockerfile:3", "line 3"). */
const SYNTAX = new Set(["ALPINIZE_DOCKERFILE_SYNTAX", "ALPINIZE_PIN_YAML_INVALID"]);

/** Runs `fn` on one file's text; a syntax error names that file instead of "Dockerfile". */
export function forFile<T>(input: PinInput, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!isAlpinizeError(err) || !SYNTAX.has(err.code)) throw err;
    throw new InputError(
      err.code,
      err.message.replace(/^(?:Dockerfile:|line (\d+): )/, (_, line?: string) =>
        line === undefined
          ? `${escapeInline(input.file)}:`
          : `${escapeInline(input.file)}:${line}: `,
      ),
      {
        ...(err.hint !== undefined ? { hint: err.hint } : {}),
        details: { ...err.details, file: input.file },
        cause: err,
      },
    );
  }
}

/**
 * Replaces the file via a temp file in the same directory and a rename, keeping its mode, owner
 * and group; a symlink is followed, so the link stays and its target gets the new text
 * (write-output.ts). With `expected`, a file that no longer holds what was read is left alone.
 * Returns how many other hard links keep the old text.
 */
export async function replaceFile(
  path: string,
  bytes: Buffer,
  file: string,
  expected?: ContentStamp,
): Promise<number> {
  return rewriteInPlace(path, bytes, expected, {
    file,
    message: (reason) => `cannot write ${escapeInline(file)}: ${reason}`,
    changed: {
      code: "ALPINIZE_PIN_CHANGED",
      hint: "Someone edited it while pin was resolving; run alpinize pin --write again on the file as it is now.",
    },
    unwritable: {
      code: "ALPINIZE_PIN_UNWRITABLE",
      hint: "Check that the file and its directory are writable; this file was left as it was.",
    },
    instead: "drop --write and apply the printed pins (REF -> REF@DIGEST) yourself",
  });
}
