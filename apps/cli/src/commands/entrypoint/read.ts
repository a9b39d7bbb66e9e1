import { type BoundedReadAny, linkFailure, readBoundedSync } from "@alpinize/bounded-read";
import { InputError } from "@alpinize/errors";
import { decodeText } from "@alpinize/repo";
import { cannotRead, readFailureHint } from "../../read-failure.js";
import { type ContentStamp, contentStamp } from "../../write-output.js";

/** Entrypoint scripts are small; anything larger is refused rather than read whole. */
const MAX_BYTES = 1024 * 1024;

/** A script as read, and (for a regular file) its stamp, for --write to see later edits. */
export interface ReadScript {
  /** As decodeText gave it: a byte that is not UTF-8 is kept, and encodeText writes it back. */
  text: string;
  stamp?: ContentStamp;
}

/**
 * `path` is read; `file` (the path as the user gave it) names it in messages. At most MAX_BYTES
 * (+1 to tell): a device or pipe the user named (/dev/zero, a FIFO, <(cmd)) is read until it
 * ends or passes the limit. A regular file is stamped from the fstat of the descriptor it was
 * read through, its time taken before its bytes, for --write to see later edits.
 */
export function readScript(path: string, file = path): ReadScript {
  let got: BoundedReadAny;
  try {
    got = readBoundedSync(path, MAX_BYTES, { special: "read" });
  } catch (err) {
    throw unreadable(path, file, err);
  }
  if (got.status === "directory") {
    throw new InputError("ALPINIZE_ENTRYPOINT_DIRECTORY", `${file} is a directory`, {
      hint: "Pass the entrypoint script itself, e.g. alpinize entrypoint docker-entrypoint.sh.",
      details: { file },
    });
  }
  if (got.status === "too-large") throw tooLarge(file, got.read || got.info.size);
  const text = decodeText(got.bytes);
  if (text.includes("\u0000")) {
    throw new InputError("ALPINIZE_ENTRYPOINT_BINARY", `${file} is not a text file`, {
      hint: "Pass the entrypoint shell script, not a binary.",
      details: { file },
    });
  }
  return got.info.isFile() ? { text, stamp: contentStamp(got.bytes, got.info) } : { text };
}

function tooLarge(file: string, size: number): InputError {
  return new InputError(
    "ALPINIZE_ENTRYPOINT_TOO_LARGE",
    `${file} is over 1 MiB (${size} bytes read or stated); entrypoint scripts that large are refused`,
    { hint: "Check that FILE is a shell script.", details: { file, size } },
  );
}

/** A missing file (or dangling link) is NO_FILE; a link loop or anything else, UNREADABLE. */
function unreadable(path: string, file: string, err: unknown): InputError {
  const link = linkFailure(path, err);
  if ((err as NodeJS.ErrnoException).code === "ENOENT") {
    return new InputError(
      "ALPINIZE_ENTRYPOINT_NO_FILE",
      `${file}: ${link?.reason ?? "no such file"}`,
      {
        hint:
          link?.hint ??
          "Pass the path of an entrypoint shell script (or - to read standard input).",
        details: link?.target === undefined ? { file } : { file, target: link.target },
      },
    );
  }
  const code = (err as NodeJS.ErrnoException).code;
  const reason = link?.reason ?? code ?? String(err);
  return new InputError("ALPINIZE_ENTRYPOINT_UNREADABLE", cannotRead(file, reason), {
    hint:
      link?.hint ??
      readFailureHint(code, {
        otherwise: "Check the file's permissions, or pipe it in with - as FILE.",
        after: "nothing was changed",
      }),
    details: { file },
  });
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_BYTES) {
      throw new InputError("ALPINIZE_ENTRYPOINT_TOO_LARGE", "standard input is over 1 MiB", {
        hint: "Pipe an entrypoint shell script.",
      });
    }
    chunks.push(chunk as Buffer);
  }
  return decodeText(Buffer.concat(chunks));
}
