import { readShims, shimsPath } from "@alpinize/entrypoint";
import { UsageError } from "@alpinize/errors";
import { parseCommandArgs } from "../../args.js";
import type { Io } from "../../io.js";
import { writeNewOrReplace } from "./write.js";

export const help = `Usage: alpinize shims print [--output FILE]
       alpinize shims path

The POSIX sh library of user and group functions (alpinize_ensure_group, alpinize_ensure_user,
alpinize_add_user_to_group, alpinize_exec_as, ...) that behave the same on Debian and Alpine.

  print             Write the library to standard output, or to FILE with --output
                    (atomically; e.g. COPY it into the image at /usr/local/lib/alpinize-shims.sh)
  path              Print where the installed @alpinize/entrypoint package keeps the file

Exit codes: 0 done, 2 bad usage or unwritable FILE, 70 internal error.
`;

const OPTIONS = { output: { type: "string", short: "o" } } as const;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "shims");
  const [sub, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`alpinize shims: unexpected argument "${rest[0]}"`);
  if (sub === "print") {
    if (values.output !== undefined) {
      writeNewOrReplace(values.output, readShims());
      io.err(`wrote ${values.output}`);
    } else io.stdout.write(readShims());
    return 0;
  }
  if (sub === "path") {
    if (values.output !== undefined)
      throw new UsageError("alpinize shims path: --output belongs to print");
    io.out(shimsPath);
    return 0;
  }
  throw new UsageError(
    sub === undefined
      ? "alpinize shims: say print or path"
      : `alpinize shims: unknown subcommand "${sub}"`,
    { hint: 'Run "alpinize shims --help".' },
  );
}
