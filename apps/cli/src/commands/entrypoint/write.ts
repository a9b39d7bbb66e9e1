import { encodeText } from "@alpinize/repo";
import {
  assertRewritable,
  type ContentStamp,
  type InPlaceWords,
  rewriteInPlace,
} from "../../write-output.js";

/**
 * Rewrites the script in place through a temp file and a rename, keeping its mode, owner and
 * group (write-output.ts); with `expected`, a script edited since it was read is left alone.
 * `path` is written; `file` (the path as the user gave it) names it in messages. Returns how
 * many other hard links keep the old text.
 */
export function writeScript(
  path: string,
  text: string,
  expected?: ContentStamp,
  file = path,
): number {
  return rewriteInPlace(path, encodeText(text), expected, scriptWords(file));
}

/** `--write` on a pipe, FIFO or device: the error its write would end with, before it is read. */
export function assertScriptWritable(path: string, file = path): void {
  assertRewritable(path, scriptWords(file));
}

/** The wording `alpinize migrate --write` uses, with codes of its own: this is the script, not the shims. */
function scriptWords(file: string): InPlaceWords {
  return {
    file,
    message: (reason) => `${file}: cannot write (${reason}); left unchanged`,
    changed: {
      code: "ALPINIZE_ENTRYPOINT_CHANGED",
      hint: "Someone edited it while alpinize was working; run alpinize entrypoint --write again on the script as it is now.",
    },
    unwritable: {
      code: "ALPINIZE_ENTRYPOINT_WRITE",
      hint: "Check that the script and its directory are writable, or drop --write and apply the printed diff yourself.",
    },
    instead: "drop --write and apply the printed diff yourself",
  };
}
