import { InputError } from "@alpinize/errors";
import { encodeText } from "@alpinize/repo";
import {
  type ContentStamp,
  notOwnerError,
  notRewritable,
  OutputChangedError,
  OutputOwnerError,
  OutputReadOnlyError,
  writeFailureHint,
  writeOutput,
} from "../../write-output.js";

/**
 * Rewrites the script in place through a temp file and a rename, keeping its mode, owner and
 * group (write-output.ts); with `expected`, a script edited since it was read is left alone.
 */
/** `path` is written; `file` (the path as the user gave it) names it in messages. */
export function writeScript(
  path: string,
  text: string,
  expected?: ContentStamp,
  file = path,
): void {
  try {
    writeOutput(path, encodeText(text), { inPlace: true, ...(expected ? { expected } : {}) });
  } catch (err) {
    throw writeError(file, err);
  }
}

/** `--write` on a pipe, FIFO or device: the error its write would end with, before it is read. */
export function assertScriptWritable(path: string, file = path): void {
  const refused = notRewritable(path, file);
  if (refused) throw writeError(file, refused);
}

function writeError(file: string, err: unknown): InputError {
  if (err instanceof OutputOwnerError)
    return notOwnerError(
      err,
      `cannot write ${file}: ${err.message}`,
      file,
      "drop --write and apply the printed diff yourself",
    );
  if (err instanceof OutputChangedError)
    return new InputError("ALPINIZE_ENTRYPOINT_CHANGED", `cannot write ${file}: ${err.message}`, {
      hint: "Someone edited it while alpinize was working; run alpinize entrypoint --write again on the script as it is now.",
      details: { file },
      cause: err,
    });
  // Its own code: this is the entrypoint script failing to be rewritten, not the shims library.
  return new InputError(
    "ALPINIZE_ENTRYPOINT_WRITE",
    err instanceof OutputReadOnlyError
      ? `cannot write ${file}: ${err.message}; left unchanged`
      : `cannot write ${file}: ${(err as Error).message}`,
    {
      hint: writeFailureHint(err, {
        otherwise:
          "Check that the script and its directory are writable, or drop --write and apply the printed diff yourself.",
        instead: "drop --write and apply the printed diff yourself",
      }),
      details: { file },
      cause: err,
    },
  );
}
