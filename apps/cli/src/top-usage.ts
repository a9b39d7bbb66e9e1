import { EXIT } from "@alpinize/errors";
import { escapeControl, escapeInline } from "@alpinize/image-ref";
import type { Io } from "./io.js";
import { escapedJson, wantsJson } from "./json-errors.js";
import { apart, isShortCluster } from "./parse-failure.js";

// Loaded only on a usage error before any command runs: start-up imports stay minimal.

/** A top-level usage error: the message on stderr, the {error} document too under --json. */
export function topUsage(message: string, hint: string, io: Io, json: boolean): number {
  io.err(`${message}. ${hint}`);
  if (json) io.out(escapedJson({ error: { code: "ALPINIZE_USAGE", message, hint } }));
  return EXIT.BAD_INPUT;
}

/** What to run instead of a top-level flag given a value. */
const ALONE: Record<string, string> = {
  "--json": "alpinize --version --json",
  "--version": "alpinize --version",
  "--help": "alpinize --help",
  "-v": "alpinize -v",
  "-h": "alpinize -h",
};

/**
 * `--json=1`, `--version=1`, `--help=1` (`-v=1`, `-h=1`) before any command: refused in the words
 * each command uses for `--json=1` ("takes no value"), not as an unknown option or one argument
 * too many.
 */
export function valueRefused(arg: string, io: Io, json: boolean): number {
  const flag = arg.slice(0, arg.indexOf("="));
  const message = `alpinize: ${flag} takes no value, but was given one (${escapeInline(arg)})`;
  return topUsage(message, `Write ${flag} alone: "${ALONE[flag]}".`, io, json);
}

/** `alpinize frob`, `alpinize --frob`: an unknown command or option, with where to look. */
export function unknownCommand(name: string, io: Io, argv: string[]): number {
  // Only `FLAG=VALUE`: a name with no `=` (`-hv`, `--helpx`) is no flag given a value.
  const eq = name.indexOf("=");
  if (eq > 0 && ["--version", "--help", "-v", "-h"].includes(name.slice(0, eq)))
    return valueRefused(name, io, wantsJson(argv));
  if (isShortCluster(name)) {
    const message = `alpinize: ${escapeInline(name)} is not an option: short flags do not combine`;
    return topUsage(message, `${apart(name)}; run "alpinize --help"`, io, wantsJson(argv));
  }
  const option = name.startsWith("-");
  // The name is echoed with control characters escaped.
  const message = `alpinize: unknown ${option ? "option" : "command"} "${escapeControl(name)}"`;
  const hint = option
    ? 'Options go after the command; run "alpinize --help".'
    : 'Run "alpinize --help" for the list of commands.';
  // `alpinize frob --json`: one document on stdout, as `alpinize packages frob --json` prints.
  return topUsage(message, hint, io, wantsJson(argv));
}
