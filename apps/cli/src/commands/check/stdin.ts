import { fstatSync } from "node:fs";
import { InputError } from "@alpinize/errors";
import type { CheckTarget } from "@alpinize/repo";

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
  return { path: "/dev/stdin", kind: "file" };
}

function isSocket(fd: number): boolean {
  try {
    return fstatSync(fd).isSocket();
  } catch {
    // A closed standard input: reading /dev/stdin reports it as unreadable.
    return false;
  }
}
