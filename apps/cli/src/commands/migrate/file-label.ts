// Its own module: file.ts and output.ts both name files this way, and output.ts names file.ts's
// FileMigration type, so holding it in either one would tie the two into an import cycle.

/** How `migrate -` and `check -` name standard input, in messages, diffs and --json. */
export const STDIN_NAME = "<stdin>";

/** A file as given on the command line, standard input as {@link STDIN_NAME}. */
export function fileLabel(file: string): string {
  return file === "-" ? STDIN_NAME : file;
}
