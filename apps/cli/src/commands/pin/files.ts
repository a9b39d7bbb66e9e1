import { isUtf8 } from "node:buffer";
import { randomBytes } from "node:crypto";
import { readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { detectFileKind, type PinFileKind } from "@alpinize/digest";
import { InputError, isAlpinizeError } from "@alpinize/errors";

const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const KINDS: PinFileKind[] = ["dockerfile", "compose", "workflow"];

export interface PinInput {
  /** As given on the command line. */
  file: string;
  path: string;
  kind: PinFileKind;
  /** Without the byte order mark, which `encode` puts back. */
  text: string;
  /** latin1 for files that are not UTF-8: every byte survives the round trip. */
  encoding: "utf8" | "latin1";
  bom: boolean;
}

/** Reads one file (bounded) and decides its kind from --kind or its name. */
export async function readPinInput(
  file: string,
  cwd: string,
  kind?: PinFileKind,
): Promise<PinInput> {
  const path = resolve(cwd, file);
  const chosen = kind ?? detectFileKind(path);
  if (!chosen) {
    throw new InputError(
      "ALPINIZE_PIN_UNKNOWN_KIND",
      `${file}: cannot tell whether this is a Dockerfile, a compose file or a workflow`,
      {
        hint: "Pass --kind dockerfile, --kind compose or --kind workflow.",
        details: { file },
      },
    );
  }
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    if (info.size > MAX_FILE_BYTES) {
      throw new InputError(
        "ALPINIZE_PIN_TOO_LARGE",
        `${file} is larger than ${MAX_FILE_BYTES} bytes`,
        {
          hint: "Pin the files that hold image references one by one.",
          details: { file },
        },
      );
    }
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(
      "ALPINIZE_PIN_UNREADABLE",
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      {
        hint: "Check the path.",
        details: { file },
        cause: err,
      },
    );
  }
  const encoding = isUtf8(bytes) ? "utf8" : "latin1";
  const text = bytes.toString(encoding);
  const bom = encoding === "utf8" && text.startsWith("\ufeff");
  return { file, path, kind: chosen, text: bom ? text.slice(1) : text, encoding, bom };
}

/** The bytes to write for `text`, in the file's own encoding and with its byte order mark. */
export function encode(input: PinInput, text: string): Buffer {
  return Buffer.from(input.bom ? `\ufeff${text}` : text, input.encoding);
}

/** Runs `fn` on one file's text; a syntax error names that file instead of "Dockerfile". */
export function forFile<T>(input: PinInput, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!isAlpinizeError(err) || err.code !== "ALPINIZE_DOCKERFILE_SYNTAX") throw err;
    throw new InputError(err.code, err.message.replace(/^Dockerfile:/, `${input.file}:`), {
      ...(err.hint !== undefined ? { hint: err.hint } : {}),
      details: { ...err.details, file: input.file },
      cause: err,
    });
  }
}

/**
 * Replaces the file via a temp file in the same directory and a rename, keeping its mode; a
 * symlink is followed, so the link stays and its target gets the new text.
 */
export async function replaceFile(path: string, bytes: Buffer, file: string): Promise<void> {
  let tmp: string | undefined;
  try {
    const target = await realpath(path);
    const { mode } = await stat(target);
    tmp = join(dirname(target), `.${basename(target)}.alpinize-${randomBytes(4).toString("hex")}`);
    await writeFile(tmp, bytes, { mode: mode & 0o7777, flag: "wx" });
    await rename(tmp, target);
  } catch (err) {
    if (tmp !== undefined) await rm(tmp, { force: true });
    throw new InputError(
      "ALPINIZE_PIN_UNWRITABLE",
      `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      {
        hint: "Check that the file and its directory are writable; this file was left as it was.",
        details: { file },
        cause: err,
      },
    );
  }
}
