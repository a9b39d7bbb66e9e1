/**
 * What a command's name and words say of how it ends, shared by migrate's reading of `||` guards
 * and `alpinize check`'s, so the two agree on which failures a `||` catches.
 */

/**
 * Commands that exit 0 whatever their arguments, and busybox's adduser/addgroup: `useradd app ||
 * adduser -D app` is a fallback whose own options the busybox rules judge, not a failure left.
 */
export const ALWAYS_SUCCEED: ReadonlySet<string> = new Set([
  "true",
  ":",
  "echo",
  "printf",
  "adduser",
  "addgroup",
]);

/** `${x?msg}` and `${x:?msg}` exit the shell when x is unset; `$((1/0))` when it divides by zero. */
export const MAY_EXIT = /\$\{[^}]*\?|\$\(\(/;

/** Builtins that may end the shell or change how the rest runs. */
export const MAY_END: ReadonlySet<string> = new Set([
  "exit",
  "return",
  "exec",
  ".",
  "source",
  "eval",
  "set",
  "break",
  "continue",
]);
