/** Thrown for text a POSIX shell would reject (unterminated quote or substitution). */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
