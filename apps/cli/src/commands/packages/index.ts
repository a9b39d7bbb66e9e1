import { UsageError } from "@alpinize/errors";
import { escapeControl } from "@alpinize/image-ref";
import type { Io } from "../../io.js";
import { wantsJson, withJsonErrors } from "../../json-errors.js";
import { runExplain } from "./explain.js";
import { failureJson } from "./failure-json.js";
import { runMap } from "./map.js";

export const help = `Usage: alpinize packages map NAME... [--alpine X.Y] [--uses CMD]... [--json]
       alpinize packages explain NAME [--alpine X.Y] [--uses CMD]... [--json]

Map Debian or Ubuntu package names to the Alpine packages that replace them, per Alpine release.

Subcommands:
  map      One line per name: the Alpine packages, the kind of mapping and why
  explain  The chain of evidence for one name, layer by layer

Options:
  --alpine X.Y   Alpine release (3.21, 3.22, 3.23, 3.24; default 3.24)
  --uses CMD     A command the Dockerfile runs (repeatable, or comma-separated), so a split
                 package maps to the smallest part that ships it (--uses setcap, --uses envsubst);
                 a package with several commands that ships none of those named gets a
                 warning (stderr, and "warning" in --json) and its whole answer; exit unchanged
  --json         map: an array of {debian, alpine, kind, reason, layer, candidates?, warning?};
                 explain: {release, decision, steps}. An error (no name, an invalid name,
                 a bad release or flag) still prints one document: map [{debian null,
                 alpine [], kind "error", reason, layer "error", error {code, message,
                 hint}}]; explain {release null, decision (that entry), steps [], error};
                 no known subcommand: {error}

Kinds: exact, renamed, split, merged, none (Alpine needs nothing), unknown.

Exit codes: 0 every name mapped (including "none"), 1 some name is unknown,
            2 bad input (unknown release, invalid package name, no names, an empty
            flag value or a --uses naming no command).
`;

export async function run(argv: string[], io: Io): Promise<number> {
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => failureJson(argv[0], err),
    () => dispatch(argv, io),
  );
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "map") return runMap(rest, io);
  if (sub === "explain") return runExplain(rest, io);
  // An option first (`packages --json map`) means the subcommand is missing or misplaced.
  const message =
    sub === undefined || sub.startsWith("-")
      ? `alpinize packages: missing subcommand (map or explain)${sub === undefined ? "" : ` before "${escapeControl(sub)}"`}`
      : `alpinize packages: unknown subcommand "${escapeControl(sub)}" (expected map or explain)`;
  throw new UsageError(message, {
    hint: 'Options go after the subcommand: alpinize packages map --json. Run "alpinize packages --help".',
  });
}
