import { EXIT, type ExitCode } from "./exit-codes.js";

export interface AlpinizeErrorOptions {
  /** What the user can do about it; printed after the message. */
  hint?: string;
  /** Process exit code the CLI uses for this error. Defaults to 2 (bad input). */
  exitCode?: ExitCode;
  /** The underlying error, kept for --verbose output. */
  cause?: unknown;
  /** Structured details for --json output (file, line, column, reference…). */
  details?: Record<string, unknown>;
}

/**
 * Base class of every error alpinize throws on purpose. `code` is stable
 * (`ALPINIZE_<AREA>_<WHAT>`) so scripts and tests can match on it instead of the message.
 */
export class AlpinizeError extends Error {
  override readonly name: string = "AlpinizeError";
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: AlpinizeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.BAD_INPUT;
    this.details = options.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...this.details,
    };
  }
}

/** Works across copies of this package (duck-typed on the fields the CLI needs). */
export function isAlpinizeError(value: unknown): value is AlpinizeError {
  return (
    value instanceof AlpinizeError ||
    (value instanceof Error &&
      typeof (value as { code?: unknown }).code === "string" &&
      typeof (value as { exitCode?: unknown }).exitCode === "number")
  );
}
