import { type AlpinizeError, isAlpinizeError } from "@alpinize/errors";
import { escapeControl } from "@alpinize/image-ref";
import type { Io } from "../../io.js";

/** Whether `--json` was asked for, looked up before the flags are parsed (they may be wrong). */
export function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

/**
 * Runs a command whose --json promise is one document on stdout, also when it fails with an
 * AlpinizeError before producing one (a usage error, an unreadable file): `document(err)` is
 * printed, the message goes to stderr and the error's exit code is returned.
 */
export async function withJsonErrors(
  argv: string[],
  io: Io,
  document: (err: AlpinizeError) => unknown,
  run: () => Promise<number>,
): Promise<number> {
  if (!wantsJson(argv)) return await run();
  try {
    return await run();
  } catch (err) {
    if (!isAlpinizeError(err)) throw err;
    io.endProgress();
    io.out(JSON.stringify(document(err), null, 2));
    io.err(`${io.style.red("error")} ${escapeControl(err.message)}`);
    if (err.hint) io.err(`  ${escapeControl(err.hint)}`);
    return err.exitCode;
  }
}
