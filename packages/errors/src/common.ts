import { AlpinizeError, type AlpinizeErrorOptions } from "./alpinize-error.js";
import { EXIT } from "./exit-codes.js";

/** A flag or argument the command does not accept. */
export class UsageError extends AlpinizeError {
  override readonly name = "UsageError";
  constructor(message: string, options: Omit<AlpinizeErrorOptions, "exitCode"> = {}) {
    super("ALPINIZE_USAGE", message, { hint: "Run the command with --help.", ...options });
  }
}

/** A file or value that cannot be used as given (unreadable, unparsable, out of range). */
export class InputError extends AlpinizeError {
  override readonly name = "InputError";
  constructor(code: string, message: string, options: Omit<AlpinizeErrorOptions, "exitCode"> = {}) {
    super(code, message, { ...options, exitCode: EXIT.BAD_INPUT });
  }
}

/** A bug in alpinize: the CLI prints where to report it. */
export class InternalError extends AlpinizeError {
  override readonly name = "InternalError";
  constructor(message: string, options: Omit<AlpinizeErrorOptions, "exitCode"> = {}) {
    super("ALPINIZE_INTERNAL", message, {
      hint: "This is a bug in alpinize; please report it with the command you ran.",
      ...options,
      exitCode: EXIT.INTERNAL,
    });
  }
}
