import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import { parseFailure } from "./parse-failure.js";

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
  /**
   * The last flag whose value was the next argument (`--gosu D1`, not `--gosu=D1`): with no
   * operand left, it may have taken the one meant as the operand.
   */
  taken?: { flag: string; value: string };
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
  let tokens: Token[];
  try {
    const result = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    parsed = { values: result.values as Parsed<T>["values"], positionals: result.positionals };
    tokens = result.tokens;
  } catch (err) {
    throw parseFailure(argv, options, command, err);
  }
  // Outside the try: its UsageError is already worded and prefixed, and keeps its own hint.
  refuseRepeated(tokens, options, command);
  refuseShortEquals(tokens, command);
  refuseEmpty(parsed.values, command, rules.emptyChecked ?? []);
  refuseEmptyOperand(parsed.positionals, command, rules.operand ?? PATH_OPERAND);
  const taken = lastTaken(tokens, options);
  return taken ? { ...parsed, taken } : parsed;
}

function lastTaken(tokens: Token[], options: Options): Parsed<Options>["taken"] {
  const given = tokens.filter(
    (t): t is Extract<Token, { kind: "option" }> =>
      t.kind === "option" && options[t.name]?.type === "string" && t.inlineValue === false,
  );
  const last = given.at(-1);
  return last?.value === undefined ? undefined : { flag: last.name, value: last.value };
}

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

/**
 * `--alpine 3.23 --alpine 3.22`: parseArgs keeps the last value without a word, so a flag
 * appended by a wrapper script silently wins. Only flags declared `multiple` may repeat;
 * a switch (`--json --json`) means the same either way.
 */
function refuseRepeated(tokens: Token[], options: Options, command: string): void {
  const seen = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (option?.type !== "string" || option.multiple) continue;
    const value = token.value ?? "";
    const first = seen.get(token.name);
    if (first === undefined) {
      seen.set(token.name, value);
      continue;
    }
    throw new UsageError(
      `alpinize ${command}: --${token.name} is given more than once (${quoteValue(first)}, then ${quoteValue(value)}); it takes one value`,
      { hint: `Give --${token.name} once. Run "alpinize ${command} --help".` },
    );
  }
}

/**
 * `-o=out.sh`: parseArgs reads the value after the letter, `=out.sh`, so the file written would
 * be named `=out.sh` where `--output=out.sh` and `-o out.sh` name `out.sh`.
 */
function refuseShortEquals(tokens: Token[], command: string): void {
  for (const token of tokens) {
    if (token.kind !== "option" || !token.inlineValue || !/^-[^-]$/s.test(token.rawName)) continue;
    if (!token.value?.startsWith("=")) continue;
    const flag = token.rawName;
    const value = escapeInline(token.value.slice(1));
    // `-o=` alone: the advice shows where the value goes.
    const shown = value === "" ? "VALUE" : value;
    throw new UsageError(
      `alpinize ${command}: ${flag}=${value} would give ${flag} the value ${quoteValue(token.value)}, with its =`,
      {
        hint: `Write ${flag} ${shown} or --${token.name}=${shown} (a value that starts with = goes after a space: ${flag} '=…'). Run "alpinize ${command} --help".`,
      },
    );
  }
}

/** A flag's value quoted in a message: on one line (newlines and controls escaped), cut at 80. */
export function quoteValue(value: string | undefined): string {
  if (value === undefined) return "(none)";
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `"${escapeInline(cut)}"`;
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
