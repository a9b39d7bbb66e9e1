import { InputError } from "@alpinize/errors";

/** A UTF-8 byte order mark, as the decoded text holds it. */
const BOM = "\uFEFF";

/**
 * What a byte order mark at the start breaks. Linux runs a script only when its first two bytes
 * are `#!`, so with a BOM before them exec fails (ENOEXEC, "exec format error"); a shell that
 * runs the file anyway (`sh FILE`, or execvp's fallback) takes the BOM as part of the first word.
 */
export function bomProblem(text: string): string | undefined {
  if (!text.startsWith(BOM)) return undefined;
  return text.startsWith("#!", BOM.length)
    ? 'a UTF-8 byte order mark (BOM) comes before "#!": the kernel reads no "#!" line after one, so running the script fails (exec format error), and sh run on it anyway reads the BOM as part of the first word'
    : "a UTF-8 byte order mark (BOM) starts the script: sh reads it as part of the first word of line 1";
}

/** How to remove it. */
export const BOM_FIX =
  "save the file as UTF-8 without BOM, or remove it with GNU sed: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE";

/**
 * A script that starts with a BOM is refused rather than rewritten: the source line would go
 * above a shebang the kernel does not see anyway, and the script cannot run as it is.
 */
export function refuseBom(text: string): void {
  const problem = bomProblem(text);
  if (problem === undefined) return;
  throw new InputError("ALPINIZE_ENTRYPOINT_BOM", `${problem}; nothing was rewritten`, {
    hint: `Remove the BOM (${BOM_FIX}), then run alpinize entrypoint again.`,
  });
}
