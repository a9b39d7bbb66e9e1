import { lstat, open } from "node:fs/promises";
import { join } from "node:path";
import { type RunHow, SHELLS } from "./run-words.js";

/** File names taken for shell scripts when nothing else says what they are. */
export const SCRIPT_NAME = /\.(?:sh|bash|ash)$/;

/**
 * Programs that exec the words after their options, so `#!/usr/bin/dumb-init /bin/sh` runs the
 * file with sh: env, the init wrappers images put at PID 1, and s6-overlay's with-contenv
 * (`#!/command/with-contenv bash`). s6-overlay's `/init` is a boot script, never a `#!` line.
 */
const EXEC_WRAPPERS = new Set([
  "env",
  "dumb-init",
  "tini",
  "tini-static",
  "catatonit",
  "with-contenv",
]);

/** Their options that take the next word (tini -p/-e, dumb-init -r, env -u/-C); env -S is read on. */
const VALUE_OPTIONS = new Set(["-p", "-e", "-r", "--rewrite", "-u", "--unset", "-C", "--chdir"]);

/** Wrappers in a row read before giving up (`env dumb-init sh` is two). */
const MAX_WRAPPERS = 4;

/**
 * Whether a `#!` line runs the file with a shell. The kernel takes one interpreter path and at
 * most one argument string (the rest of the line); env -S and the wrappers split that string, so
 * its blanks separate words here too.
 */
export function shellShebang(line: string): boolean {
  const words = line.slice(2).trim().split(/\s+/);
  let k = 0;
  for (let depth = 0; depth <= MAX_WRAPPERS && k < words.length; depth++) {
    const program = baseName(words[k]!);
    if (SHELLS.has(program)) return true;
    if (program === "busybox") return words[k + 1] === "sh" || words[k + 1] === "ash";
    if (!EXEC_WRAPPERS.has(program)) return false;
    k++;
    while (k < words.length && (words[k]!.startsWith("-") || /^[^=]+=/.test(words[k]!)))
      k += VALUE_OPTIONS.has(words[k]!) ? 2 : 1;
  }
  return false;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

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
    if (first.startsWith("#!")) return shellShebang(first) ? "shell" : "other-interpreter";
    return bytes.includes(0) ? "binary" : "text";
  } finally {
    await handle.close();
  }
}
