import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "@alpinize/errors";
import { quoteValue } from "./args.js";

export interface MissingOperandWords {
  /** "no Dockerfile given", "give at least one file"… (after the command's prefix). */
  message: string;
  /** What to run instead, when no flag took the operand. */
  hint: string;
  /** Whether a flag's value looks like the missing operand (default: like a path in `cwd`). */
  looksLikeOperand?: (value: string) => boolean;
}

/**
 * The usage error for a command run without its operand. `alpinize migrate --gosu D1` gets
 * there because --gosu took D1 as its value: when the last flag given a separate value took one
 * that looks like the operand, the message says so, and the hint shows where the value goes.
 */
export function missingOperand(
  command: string,
  parsed: { taken?: { flag: string; value: string } },
  cwd: string,
  words: MissingOperandWords,
): UsageError {
  const taken = takenOperand(parsed, cwd, words.looksLikeOperand);
  if (taken === undefined)
    return new UsageError(`alpinize ${command}: ${words.message}`, { hint: words.hint });
  const value = quoteValue(taken.value);
  return new UsageError(
    `alpinize ${command}: ${words.message}: --${taken.flag} took ${value} as its value`,
    {
      hint: `--${taken.flag} takes a value of its own: alpinize ${command} --${taken.flag} VALUE ${value}. Run "alpinize ${command} --help" for what it takes.`,
    },
  );
}

/**
 * The last flag given a separate value, when that value looks like the operand (by default: like
 * a path in `cwd`): with no operand left, the flag probably took it.
 */
export function takenOperand(
  parsed: { taken?: { flag: string; value: string } },
  cwd: string,
  looksLike: (value: string) => boolean = (value) => looksLikePath(value, cwd),
): { flag: string; value: string } | undefined {
  const taken = parsed.taken;
  return taken !== undefined && looksLike(taken.value) ? taken : undefined;
}

/** `-`, a path with a slash, or a name that exists where the command runs. */
function looksLikePath(value: string, cwd: string): boolean {
  if (value === "-" || value.includes("/")) return true;
  try {
    return existsSync(resolve(cwd, value));
  } catch {
    return false;
  }
}
