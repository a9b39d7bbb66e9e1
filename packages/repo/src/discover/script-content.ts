import { lstat, open } from "node:fs/promises";
import { join } from "node:path";
import type { RunHow } from "./run-words.js";

/** File names taken for shell scripts when nothing else says what they are. */
export const SCRIPT_NAME = /\.(?:sh|bash|ash)$/;

/** A `#!` line naming sh, bash, ash, dash or busybox sh, directly or through env. */
const SHELL_SHEBANG =
  /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*(?:\S*\/)?)?(?:(?:ba|da|a)?sh|busybox\s+a?sh)(?:\s|$)/;

/** What the first bytes of a file say it is. */
type Head = "shell" | "other-interpreter" | "binary" | "text";

const HEAD_BYTES = 512;

/**
 * Whether the file at `rel` (under `root`, its folders checked already) is a shell script, given
 * how the image runs it (undefined: only copied). Given to a shell: always; to another
 * interpreter (node, python, java, make…): never. Run by its path: its `#!` line decides;
 * without one, text is (a shell that execs it reads it as a script when the kernel refuses it),
 * a binary is not. An operand of an unknown program, or a file only copied: a shell `#!` line, or
 * a `.sh` name with no other `#!` line. A missing file, link, FIFO, socket or device is never
 * opened: kept when run, by its name otherwise, to be reported.
 */
export async function isScriptAs(root: string, rel: string, how: RunHow | undefined) {
  if (how === "shell") return true;
  if (how === "read") return false;
  const info = await lstat(join(root, rel)).catch(() => undefined);
  if (info?.isDirectory()) return false;
  // Not there (a stage's copy of a file the context lacks), or not a regular file: kept when
  // run, or by its name, to be reported as missing or skipped.
  if (info === undefined || !info.isFile()) return how === "program" || SCRIPT_NAME.test(rel);
  const head = await headOf(join(root, rel));
  if (head === "shell") return true;
  if (head === "other-interpreter" || head === "binary") return false;
  return how === "program" || SCRIPT_NAME.test(rel);
}

async function headOf(file: string): Promise<Head | undefined> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const first = bytes.toString("latin1").split("\n", 1)[0] ?? "";
    if (first.startsWith("#!")) return SHELL_SHEBANG.test(first) ? "shell" : "other-interpreter";
    return bytes.includes(0) ? "binary" : "text";
  } finally {
    await handle.close();
  }
}
