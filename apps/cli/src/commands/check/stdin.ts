import { fstatSync } from "node:fs";
import { InputError } from "@alpinize/errors";
import type { CheckResult, CheckTarget } from "@alpinize/repo";
import { STDIN_NAME } from "../migrate/file-label.js";

/** The path `-` is read through, which findings would name otherwise. */
const STDIN_PATH = "/dev/stdin";

/**
 * `check -`: standard input, read through /dev/stdin like a file named on the command line, so
 * a pipe, a redirected file or a terminal work and its first line says Dockerfile or script.
 */
export function stdinTarget(): CheckTarget {
  // Linux cannot open a socket by its /proc name (ENXIO); Node and some CI runners hand one over.
  if (isSocket(0))
    throw new InputError(
      "ALPINIZE_CHECK_STDIN_SOCKET",
      "alpinize check: standard input is a socket, which check cannot read as -",
      {
        hint: "Pipe it through cat (… | cat | alpinize check -), or save it to a file and pass its path.",
        details: { file: "-" },
      },
    );
  return { path: STDIN_PATH, kind: "file" };
}

function isSocket(fd: number): boolean {
  try {
    return fstatSync(fd).isSocket();
  } catch {
    // A closed standard input: reading /dev/stdin reports it as unreadable.
    return false;
  }
}

/**
 * Names standard input `<stdin>` in findings and unchecked files, as `migrate -` does, rather
 * than the /dev/stdin path it is read through.
 */
export function namingStdin(result: CheckResult): CheckResult {
  const rename = (file: string) => (file === STDIN_PATH ? STDIN_NAME : file);
  const renameIn = (message: string) =>
    message.startsWith(`${STDIN_PATH}:`) ? STDIN_NAME + message.slice(STDIN_PATH.length) : message;
  return {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      file: rename(f.file),
      message: renameIn(f.message),
    })),
    unparsable: result.unparsable.map((u) => ({
      ...u,
      file: rename(u.file),
      message: renameIn(u.message),
    })),
    files: result.files.map(rename),
  };
}
