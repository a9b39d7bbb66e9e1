import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { fsReason, InputError, isLinkLoop, LINK_LOOP_HINT } from "@alpinize/errors";
import { decodeText } from "@alpinize/repo";
import { type ContentStamp, contentStamp } from "../../write-output.js";

/** Entrypoint scripts are small; anything larger is refused rather than read whole. */
const MAX_BYTES = 1024 * 1024;

/** A script as read, and (for a regular file) its stamp, for --write to see later edits. */
export interface ReadScript {
  /** As decodeText gave it: a byte that is not UTF-8 is kept, and encodeText writes it back. */
  text: string;
  stamp?: ContentStamp;
}

/** `path` is read; `file` (the path as the user gave it) names it in messages. */
export function readScript(path: string, file = path): ReadScript {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new InputError("ALPINIZE_ENTRYPOINT_DIRECTORY", `${file} is a directory`, {
        hint: "Pass the entrypoint script itself, e.g. alpinize entrypoint docker-entrypoint.sh.",
        details: { file },
      });
    }
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw unreadable(file, err);
    throw new InputError("ALPINIZE_ENTRYPOINT_NO_FILE", `${file}: no such file`, {
      hint: "Pass the path of an entrypoint shell script (or - to read standard input).",
      details: { file },
    });
  }
  if (size > MAX_BYTES) throw tooLarge(file, size);
  const { text, stamp } = readBounded(path, file);
  if (text.includes("\u0000")) {
    throw new InputError("ALPINIZE_ENTRYPOINT_BINARY", `${file} is not a text file`, {
      hint: "Pass the entrypoint shell script, not a binary.",
      details: { file },
    });
  }
  return stamp ? { text, stamp } : { text };
}

function tooLarge(file: string, size: number): InputError {
  return new InputError(
    "ALPINIZE_ENTRYPOINT_TOO_LARGE",
    `${file} is over 1 MiB (${size} bytes read or stated); entrypoint scripts that large are refused`,
    { hint: "Check that FILE is a shell script.", details: { file, size } },
  );
}

function unreadable(file: string, err: unknown): InputError {
  const reason = isLinkLoop(err)
    ? fsReason(err)
    : ((err as NodeJS.ErrnoException).code ?? String(err));
  return new InputError("ALPINIZE_ENTRYPOINT_UNREADABLE", `${file} cannot be read (${reason})`, {
    hint: isLinkLoop(err)
      ? LINK_LOOP_HINT
      : "Check the file's permissions, or pipe it in with - as FILE.",
    details: { file },
  });
}

/**
 * Reads at most MAX_BYTES: the size from stat says nothing for devices and pipes (/dev/zero,
 * a FIFO, <(cmd)), which are read until they end or pass the limit. A regular file is stamped
 * through the same descriptor, its time taken before its bytes.
 */
function readBounded(path: string, file: string): ReadScript {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const stats = fstatSync(fd);
    const buf = Buffer.alloc(MAX_BYTES + 1);
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, total, buf.length - total, null);
      } catch (err) {
        throw unreadable(file, err);
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_BYTES) throw tooLarge(file, total);
    }
    const bytes = buf.subarray(0, total);
    const text = decodeText(bytes);
    return stats.isFile() ? { text, stamp: contentStamp(bytes, stats) } : { text };
  } finally {
    closeSync(fd);
  }
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
