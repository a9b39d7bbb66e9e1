import { resolve } from "node:path";
import { readShims, shimsPath } from "@alpinize/entrypoint";
import { UsageError } from "@alpinize/errors";
import { parseCommandArgs, quoteValue } from "../../args.js";
import type { Io } from "../../io.js";
import { escapedJson, wantsJson, withJsonErrors } from "../../json-errors.js";
import {
  type OtherLinksNote,
  otherHardLinks,
  otherLinksNote,
  symlinkTarget,
} from "../../write-output.js";
import { failureJson, type Reached, shimsJson } from "./json.js";
import { reachesStdout } from "./stdout.js";
import { writeNewOrReplace } from "./write.js";

export const help = `Usage: alpinize shims print [--output FILE] [--json]
       alpinize shims path [--json]

The POSIX sh library of user and group functions (alpinize_ensure_group, alpinize_ensure_user,
alpinize_add_user_to_group, alpinize_exec_as, ...) that behave the same on Debian and Alpine.

  print             Write the library to standard output, or to FILE with --output
                    (atomically; e.g. COPY it into the image at /usr/local/lib/alpinize-shims.sh)
  path              Print where the installed @alpinize/entrypoint package keeps the file

Options:
  --output FILE     print: write the library to FILE instead of standard output (and say
                    "wrote FILE" on standard error); - is standard output, as without --output.
                    A regular file is replaced atomically; a FIFO, pipe or device is written
                    into, as > FILE would (a FIFO waits for its reader, as with the shell). A
                    FILE with other hard links gets a new inode (a warning says how many names
                    keep the old text)
  --json            Print one document on stdout: {subcommand, path (where the package keeps
                    the file), output (FILE or null), written (FILE was written), shims (the
                    library, for print without --output; else null), and hardLinks
                    ([{file, otherLinks, message}], only when FILE had other hard links)}; an
                    error (bad usage, an unwritable FILE) still prints one, with written false
                    and error: {code, message, hint?, file?, subcommands?}, subcommands being
                    ["print", "path"] when none or an unknown one was given. --output to
                    standard output itself is refused with --json: the library would end up
                    inside the document's stream

Exit codes: 0 done, 2 bad usage or unwritable FILE, 70 internal error.
`;

const OPTIONS = {
  output: { type: "string", short: "o" },
  json: { type: "boolean" },
} as const;

export async function run(argv: string[], io: Io): Promise<number> {
  const reached: Reached = { subcommand: null, output: null };
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => failureJson(err, reached),
    () => shims(argv, io, reached),
  );
}

async function shims(argv: string[], io: Io, reached: Reached): Promise<number> {
  // Errors name the subcommand given (`alpinize shims print: -o needs a value`), as its own do.
  const named = subcommandOf(argv);
  const command = named === "print" || named === "path" ? `shims ${named}` : "shims";
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, command, {
    emptyChecked: ["output"],
    operand: { name: "subcommand", give: "print or path" },
  });
  const [sub, ...rest] = positionals;
  if (sub === "print" || sub === "path") reached.subcommand = sub;
  reached.output = values.output ?? null;
  if (rest.length > 0)
    throw new UsageError(`alpinize ${command}: unexpected argument ${quoteValue(rest[0] ?? "")}`);
  if (sub === "print") return print(values, io, reached);
  if (sub === "path") {
    if (values.output !== undefined)
      throw new UsageError("alpinize shims path: --output belongs to print");
    if (values.json) io.out(escapedJson(shimsJson(reached)));
    else io.out(shimsPath);
    return 0;
  }
  throw noSubcommand(sub);
}

/** The subcommands, for the error that names none or another one: what each does. */
const SUBCOMMANDS = {
  print: "write the library to standard output or --output FILE",
  path: "print where the installed package keeps it",
} as const;

function noSubcommand(sub: string | undefined): UsageError {
  const names = Object.keys(SUBCOMMANDS).join(" or ");
  const listed = Object.entries(SUBCOMMANDS)
    .map(([name, does]) => `alpinize shims ${name} (${does})`)
    .join("; ");
  return new UsageError(
    sub === undefined
      ? `alpinize shims: missing subcommand (${names})`
      : `alpinize shims: unknown subcommand ${quoteValue(sub)} (expected ${names})`,
    {
      hint: `Run ${listed}. See "alpinize shims --help".`,
      details: { subcommands: Object.keys(SUBCOMMANDS) },
    },
  );
}

/** The subcommand as parseArgs reads it: the first word that is no option nor `--output`'s value. */
function subcommandOf(argv: readonly string[]): string | undefined {
  for (let k = 0; k < argv.length; k++) {
    const word = argv[k]!;
    if (word === "--") return argv[k + 1];
    if (word === "-o" || word === "--output") k++;
    else if (!word.startsWith("-") || word === "-") return word;
  }
  return undefined;
}

function print(values: { output?: string; json?: boolean }, io: Io, reached: Reached): number {
  const { output, json } = values;
  // `--output "$OUT"` with OUT unset: the empty name would resolve to the current directory.
  if (output?.trim() === "")
    throw new UsageError(
      "alpinize shims print: --output was given an empty value (an unset variable?)",
      {
        hint: "Give the file to write, e.g. --output ./alpinize-shims.sh, or leave --output out to print to standard output.",
      },
    );
  // `--output -` is standard output, as for every other command: the same as no --output.
  if (output === undefined || (output === "-" && !json)) {
    if (json) io.out(escapedJson(shimsJson(reached, { shims: readShims() })));
    else io.stdout.write(readShims());
    return 0;
  }
  if (json && reachesStdout(output, io.cwd)) {
    throw new UsageError(
      `alpinize shims print: --output ${output} is standard output, where --json prints its document`,
      { hint: "Drop --output: with --json the library is the document's shims field." },
    );
  }
  // Counted before the write, as gate --output and migrate DIR --report count theirs.
  const hardLinks = linksLeftBehind(output, io.cwd);
  writeNewOrReplace(output, readShims(), { cwd: io.cwd });
  for (const note of hardLinks) io.warn(note.message);
  if (json) io.out(escapedJson(shimsJson(reached, { written: true, hardLinks })));
  // /dev/stdout, /dev/fd/1: the library is the output; "wrote /dev/stdout" would only be noise.
  else if (!reachesStdout(output, io.cwd)) io.err(`wrote ${output}`);
  return 0;
}

/** The replaced file's other hard links, which keep the old library: the rename gives a new inode. */
function linksLeftBehind(output: string, cwd: string): OtherLinksNote[] {
  const others = otherHardLinks(output, cwd);
  if (others === 0) return [];
  return [otherLinksNote(output, others, symlinkTarget(resolve(cwd, output)), "--output")];
}
