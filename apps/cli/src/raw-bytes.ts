import { escapeRawBytes } from "@alpinize/repo";
import type { Io } from "./io.js";

/**
 * Output of the commands that read Dockerfiles and scripts (`migrate`, `entrypoint`, `check`).
 * A file that is not valid UTF-8 keeps its bytes in the text (decodeText, @alpinize/repo); a
 * message quoting it would otherwise print U+FFFD or an escape that names no byte. These show
 * each such byte as `\xNN`, so stderr and --json stay UTF-8 and say which byte it was. Diffs are
 * not text for people: they are written as the file's bytes (print-diff.ts).
 */
export function showingRawBytes(io: Io): Io {
  return {
    ...io,
    out: (text) => io.out(escapeRawBytes(text)),
    err: (text) => io.err(escapeRawBytes(text)),
    warn: (text) => io.warn(escapeRawBytes(text)),
  };
}

/** A --json document (pretty, newline-terminated) with every string's raw bytes shown as `\xNN`. */
export function rawBytesJson(value: unknown): string {
  return `${JSON.stringify(value, shownString, 2)}\n`;
}

function shownString(_key: string, value: unknown): unknown {
  return typeof value === "string" ? escapeRawBytes(value) : value;
}

/**
 * Runs a command body so that an error it throws names raw bytes as `\xNN` too, in its message
 * on stderr and in the --json error document built from it.
 */
export async function escapingErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error) err.message = escapeRawBytes(err.message);
    throw err;
  }
}
