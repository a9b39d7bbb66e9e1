import { type AlpinizeError, isAlpinizeError } from "@alpinize/errors";
import { escapeControl } from "@alpinize/image-ref";
import type { Io } from "./io.js";

/** The options before `--`: what follows it are operands, even when they look like flags. */
function options(argv: string[]): string[] {
  const end = argv.indexOf("--");
  return end === -1 ? argv : argv.slice(0, end);
}

// Lives in help-flag.ts so main can ask it for --version --json without loading this module.
export { wantsJson } from "./help-flag.js";

/** The last value given to a string flag (`--flag V` or `--flag=V`), read before parsing. */
export function flagValue(argv: string[], flag: string): string | undefined {
  let value: string | undefined;
  const opts = options(argv);
  opts.forEach((arg, i) => {
    if (arg === flag) value = opts[i + 1];
    else if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1);
  });
  return value;
}

/**
 * An error as the --json documents carry it: code, message, hint, then its details (file, line…).
 * The error's own code and message win over a detail of the same name (an errno `code`).
 */
export function errorJson(err: AlpinizeError): Record<string, unknown> {
  const { code: _code, message: _message, hint: _hint, ...details } = err.details;
  return {
    code: err.code,
    message: err.message,
    ...(err.hint ? { hint: err.hint } : {}),
    ...details,
  };
}

/** The file an error is about, when it says so (`details.file`); null otherwise. */
export function errorFile(err: AlpinizeError): string | null {
  return typeof err.details.file === "string" ? err.details.file : null;
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL and C1 (U+0080-U+009F, CSI among them) raw,
 * and a terminal may act on those: they become \u escapes, which parse back to the same text.
 * They can only occur inside strings, so the replacement never touches the structure.
 */
export function escapedJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Runs a command whose --json promise is one document on stdout, also when it fails with an
 * AlpinizeError before producing one (a usage error, an unreadable file): `document(err)` is
 * printed, the message goes to stderr and the error's exit code is returned. Only errors thrown
 * before the command printed its own document reach here: each command prints it last.
 */
export async function withJsonErrors(
  json: boolean,
  io: Io,
  document: (err: AlpinizeError) => unknown,
  run: () => Promise<number>,
): Promise<number> {
  if (!json) return await run();
  try {
    return await run();
  } catch (err) {
    if (!isAlpinizeError(err)) throw err;
    io.endProgress();
    io.out(escapedJson(document(err)));
    io.err(`${io.style.red("error")} ${escapeControl(err.message)}`);
    if (err.hint) io.err(`  ${escapeControl(err.hint)}`);
    return err.exitCode;
  }
}
