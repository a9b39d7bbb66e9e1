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

/** What a command's operands are, for the message that refuses an empty one. */
export interface OperandWords {
  /** "path" (the default), "report path", "image reference"… */
  name: string;
  /** What to give instead, after "give". */
  give: string;
}

const PATH_OPERAND: OperandWords = {
  name: "path",
  give: "the file or directory to work on (. for the current directory)",
};

export interface ParseRules {
  /** Flags whose empty value the command refuses itself, in its own words. */
  emptyChecked?: readonly string[];
  /** How an empty operand is named (default: a path). */
  operand?: OperandWords;
}

/**
 * Strict flag parsing for one command. Unknown flags and missing values become a UsageError
 * (exit 2) that names the flag and points at --help; so do an empty flag value or operand.
 */
export function parseCommandArgs<T extends Options>(
  argv: string[],
  options: T,
  command: string,
  rules: ParseRules = {},
): Parsed<T> {
  let parsed: Parsed<T>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    parsed = { values: values as Parsed<T>["values"], positionals };
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
  refuseEmpty(parsed.values, command, rules.emptyChecked ?? []);
  refuseEmptyOperand(parsed.positionals, command, rules.operand ?? PATH_OPERAND);
  return parsed;
}

/**
 * `alpinize migrate "$DIR" --write` with DIR unset: an empty path resolves to the current
 * directory, which would then be migrated (or linted, pinned…) in its place.
 */
function refuseEmptyOperand(positionals: string[], command: string, words: OperandWords): void {
  if (positionals.some((p) => p.trim() === ""))
    throw new UsageError(
      `alpinize ${command}: the ${words.name} is empty (an unset variable?); give ${words.give}`,
      { hint: `Run "alpinize ${command} --help".` },
    );
}

/**
 * `--uses "$TOOLS"` with the variable unset or blank: an empty value would otherwise be taken
 * as "not given", or as the current directory for a path, and the run would pass silently.
 */
function refuseEmpty(values: object, command: string, skip: readonly string[]): void {
  for (const [flag, value] of Object.entries(values)) {
    if (skip.includes(flag)) continue;
    const list: unknown[] = Array.isArray(value) ? value : [value];
    if (list.some((x) => typeof x === "string" && x.trim() === ""))
      throw new UsageError(
        `alpinize ${command}: --${flag} was given an empty value (an unset variable?); give a value or leave the flag out`,
        { hint: `Run "alpinize ${command} --help".` },
      );
  }
}

// Kept here for commands; main imports it from help-flag.ts so start-up never loads node:util.
export { wantsHelp } from "./help-flag.js";
