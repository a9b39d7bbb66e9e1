import { EXIT, isAlpinizeError } from "@alpinize/errors";
import { COMMANDS } from "./commands.js";
import { jsonValueError, jsonWithValue, wantsHelp, wantsJson, wantsVersion } from "./help-flag.js";
import { createIo, type Io, type Streams } from "./io.js";
import { version } from "./version.js";

/** What --version prints: the bare version, or `{"version": …}` when --json asks for one document. */
function versionOutput(argv: string[]): string {
  return wantsJson(argv) ? JSON.stringify({ version: version() }, null, 2) : version();
}

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`,
  );
  return `alpinize: move container images from Debian or Ubuntu to Alpine Linux, and keep them there.

Usage: alpinize <command> [options]

Commands:
${lines.join("\n")}

Options:
  -h, --help     Show help (also: alpinize <command> --help, alpinize --help <command>)
  -v, --version  Print the version (also after a command: alpinize migrate --version);
                 with --json (before or after it), as one document: {"version": "…"};
                 --json takes no value (--json=true is exit 2, as for every command)

Exit codes: 0 ok, 1 findings (changes needed, policy violated, unresolved),
            2 bad input or usage (or output that cannot be written), 70 internal error,
            141 the output pipe closed early (| head).
Environment: NO_COLOR disables colour; progress is shown only on a terminal outside CI.
`;
}

/** Runs alpinize with the given arguments and returns the exit code; never exits itself. */
export async function main(argv: string[], streams: Streams): Promise<number> {
  const io = createIo(streams);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help")
      return await showHelp(name, rest[0], io, argv);
    if (name === "--version" || name === "-v") return await topVersion(name, rest, io);
    // `alpinize --json --version`: the order of the two does not matter (--json=1 is refused
    // there as it is after --version).
    if ((name === "--json" || name.startsWith("--json=")) && wantsVersion(rest)) {
      const at = rest.findIndex((arg) => arg === "--version" || arg === "-v");
      return await topVersion(rest[at]!, [name, ...rest.filter((_, i) => i !== at)], io);
    }
    const entry = COMMANDS[name];
    if (!entry) return await (await import("./top-usage.js")).unknownCommand(name, io, argv);
    const command = await entry.load();
    if (wantsHelp(rest)) {
      io.out(command.help);
      return EXIT.OK;
    }
    if (wantsVersion(rest)) {
      // --json=VALUE is refused as the command's own parsing refuses it, not read as no --json.
      const valued = jsonWithValue(rest);
      if (valued !== undefined) throw await jsonValueError(name, valued);
      io.out(versionOutput(rest));
      return EXIT.OK;
    }
    return await command.run(rest, io);
  } catch (err) {
    return await report(err, io);
  }
}

/**
 * `alpinize --version [--json]`: as after a command, --json makes it one document. Anything else
 * after it is a usage error (with the `{error}` document under --json, as for an unknown command).
 */
async function topVersion(name: string, rest: string[], io: Io): Promise<number> {
  if (rest.every((arg) => arg === "--json")) {
    io.out(versionOutput(rest));
    return EXIT.OK;
  }
  const usage = await import("./top-usage.js");
  // --json=VALUE in the words every command uses for it, not as one more argument.
  const valued = jsonWithValue(rest);
  if (valued !== undefined) return usage.valueRefused(valued, io, wantsJson(rest));
  const message = `alpinize: ${name} takes no arguments but --json`;
  const hint = 'Run "alpinize --version" or "alpinize --version --json".';
  return usage.topUsage(message, hint, io, wantsJson(rest));
}

/**
 * `alpinize`, `alpinize help [COMMAND]`, `alpinize --help [COMMAND]`: a command's help, or the
 * general help. An unknown COMMAND is the same usage error as `alpinize COMMAND`; a flag after
 * --help (`alpinize --help --version`) still gets the general help.
 */
async function showHelp(
  name: string | undefined,
  sub: string | undefined,
  io: Io,
  argv: string[],
): Promise<number> {
  // With no command at all, the help is the error message: stderr, and a usage exit.
  if (name === undefined) {
    io.err(topHelp());
    return EXIT.BAD_INPUT;
  }
  if (sub !== undefined && sub !== "help" && !sub.startsWith("-")) {
    const entry = COMMANDS[sub];
    if (!entry) return await (await import("./top-usage.js")).unknownCommand(sub, io, argv);
    io.out((await entry.load()).help);
    return EXIT.OK;
  }
  io.out(topHelp());
  return EXIT.OK;
}

async function report(err: unknown, io: Io): Promise<number> {
  io.endProgress();
  // Messages quote file names, references and server text: no escape sequence reaches the terminal.
  const { escapeControl } = await import("@alpinize/image-ref");
  if (isAlpinizeError(err)) {
    io.err(`${io.style.red("error")} ${escapeControl(err.message)}`);
    if (err.hint) io.err(`  ${escapeControl(err.hint)}`);
    if (io.env.ALPINIZE_DEBUG && err.cause) io.err(String((err.cause as Error).stack ?? err.cause));
    return err.exitCode;
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.err(`${io.style.red("internal error")} ${stack}`);
  io.err("  This is a bug in alpinize; please report it with the command you ran and this output.");
  return EXIT.INTERNAL;
}
