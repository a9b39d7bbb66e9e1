import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "@alpinize/errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed<T extends Options> {
  values: {
    [K in keyof T]?: T[K] extends { type: "boolean" }
      ? boolean
      : T[K] extends { multiple: true }
        ? string[]
        : string;
  };
  positionals: string[];
}

/**
 * Strict flag parsing for one command. Unknown flags and missing values become a UsageError
 * (exit 2) that names the flag and points at --help.
 */
export function parseCommandArgs<T extends Options>(
  argv: string[],
  options: T,
  command: string,
): Parsed<T> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed<T>["values"], positionals };
  } catch (err) {
    const message =
      err instanceof Error
        ? err.message.replace(/\. To specify a positional.*$/s, "")
        : String(err);
    throw new UsageError(`alpinize ${command}: ${message}`, {
      hint: `Run "alpinize ${command} --help".`,
      cause: err,
    });
  }
}

// Kept here for commands; main imports it from help-flag.ts so start-up never loads node:util.
export { wantsHelp } from "./help-flag.js";
