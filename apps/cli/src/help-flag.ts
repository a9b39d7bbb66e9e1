import { UsageError } from "@alpinize/errors";

/** Whether argv holds one of `flags` before any `--` (which ends the options). */
function hasFlag(argv: string[], flags: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === "--") return false;
    if (flags.includes(arg)) return true;
  }
  return false;
}

/** Whether argv asks for help before any `--` (which ends the options). */
export function wantsHelp(argv: string[]): boolean {
  return hasFlag(argv, ["--help", "-h"]);
}

/**
 * Whether argv asks for the version before any `--`: after a command too, as the top-level
 * help lists -v, --version. No command gives -v a meaning of its own; one that did would have
 * to be left out of -v here, keep --version, and say so in its help.
 */
export function wantsVersion(argv: string[]): boolean {
  return hasFlag(argv, ["--version", "-v"]);
}

/** Whether `--json` was asked for before any `--`, looked up before the flags are parsed. */
export function wantsJson(argv: string[]): boolean {
  return hasFlag(argv, ["--json"]);
}

/** The first `--json=VALUE` before any `--`: every command refuses a value for --json. */
export function jsonWithValue(argv: string[]): string | undefined {
  for (const arg of argv) {
    if (arg === "--") return undefined;
    if (arg.startsWith("--json=")) return arg;
  }
  return undefined;
}

/** The usage error a command's parsing gives for `--json=VALUE`, in the same words. */
export async function jsonValueError(command: string, arg: string): Promise<UsageError> {
  // Loaded only here: start-up imports stay minimal.
  const { escapeInline } = await import("@alpinize/image-ref");
  return new UsageError(
    `alpinize ${command}: --json takes no value, but was given one (${escapeInline(arg)})`,
    { hint: `Write --json alone. Run "alpinize ${command} --help".` },
  );
}
